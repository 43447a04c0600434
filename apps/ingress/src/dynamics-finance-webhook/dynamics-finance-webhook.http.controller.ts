/** HTTP adapter for F&O business events delivered to an HTTPS endpoint. */
import { Controller, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DynamicsFinanceWebhookDocs } from '../openapi/route-docs';
import { rawBodyOf, singleHeader } from '../webhook-common/request-parts';
import type { HubEchoIgnored } from '../reverse-direction/hub-echo';
import type { Accepted } from '../wms-webhook/wms-webhook.service';
import { DynamicsFinanceWebhookService } from './dynamics-finance-webhook.service';

@Controller('webhooks/dynamics-finance')
export class DynamicsFinanceWebhookHttpController {
  // @Inject spelled out: the DI works without emitted type metadata (tsx/esbuild).
  constructor(
    @Inject(DynamicsFinanceWebhookService) private readonly service: DynamicsFinanceWebhookService,
  ) {}

  @Post(':systemId/:token')
  @HttpCode(202)
  @DynamicsFinanceWebhookDocs()
  async receive(
    @Param('systemId') systemId: string,
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Accepted | HubEchoIgnored> {
    const answer = await this.service.accept({
      systemId,
      token,
      contentType: singleHeader(request, 'content-type'),
      rawBody: rawBodyOf(request),
    });
    // The echo of a hub write is done with, not accepted for later processing: 200.
    if (answer.status === 'ignored') void reply.status(200);
    return answer;
  }
}
