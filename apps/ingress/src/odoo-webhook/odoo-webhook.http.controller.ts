/** HTTP adapter for Odoo's "Send Webhook Notification". */
import { Controller, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OdooWebhookDocs } from '../openapi/route-docs';
import { rawBodyOf, singleHeader } from '../webhook-common/request-parts';
import type { HubEchoIgnored } from '../reverse-direction/hub-echo';
import type { Accepted } from '../wms-webhook/wms-webhook.service';
import { OdooWebhookService } from './odoo-webhook.service';

@Controller('webhooks/odoo')
export class OdooWebhookHttpController {
  // @Inject spelled out: the DI works without emitted type metadata (tsx/esbuild).
  constructor(@Inject(OdooWebhookService) private readonly service: OdooWebhookService) {}

  @Post(':systemId/:token')
  @HttpCode(202)
  @OdooWebhookDocs()
  async receive(
    @Param('systemId') systemId: string,
    @Param('token') token: string,
    @Query('kind') kind: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Accepted | HubEchoIgnored> {
    const answer = await this.service.accept({
      systemId,
      token,
      kind,
      contentType: singleHeader(request, 'content-type'),
      rawBody: rawBodyOf(request),
    });
    // The echo of a hub write is done with, not accepted for later processing: 200.
    if (answer.status === 'ignored') void reply.status(200);
    return answer;
  }
}
