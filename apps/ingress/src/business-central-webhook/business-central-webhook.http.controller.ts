/**
 * HTTP adapter for Business Central. The handshake's method is not documented, so any
 * method with `?validationToken=` is answered before the body is looked at.
 */
import { All, Controller, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { markAuthenticationFailed } from '../app/auth-failure-limit';
import { BusinessCentralWebhookDocs } from '../openapi/route-docs';
import { rawBodyOf } from '../webhook-common/request-parts';
import { BusinessCentralWebhookService } from './business-central-webhook.service';

@Controller('webhooks/business-central')
export class BusinessCentralWebhookHttpController {
  // @Inject spelled out: the DI works without emitted type metadata (tsx/esbuild).
  constructor(
    @Inject(BusinessCentralWebhookService) private readonly service: BusinessCentralWebhookService,
  ) {}

  @All(':systemId')
  @BusinessCentralWebhookDocs()
  async receive(
    @Param('systemId') systemId: string,
    @Query('validationToken') validationToken: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (validationToken !== undefined) {
      const token = this.service.handshake(systemId, validationToken);
      await reply.code(200).type('text/plain; charset=utf-8').send(token);
      return;
    }
    const { outcome, authenticated } = await this.service.notify(systemId, rawBodyOf(request));
    if (!authenticated) markAuthenticationFailed(request);
    await reply.code(202).send(outcome);
  }
}
