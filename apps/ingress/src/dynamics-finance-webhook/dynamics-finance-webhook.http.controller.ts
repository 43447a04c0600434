/** HTTP adapter for F&O business events delivered to an HTTPS endpoint. */
import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DynamicsFinanceWebhookDocs } from '../openapi/route-docs';
import { rawBodyOf, singleHeader } from '../webhook-common/request-parts';
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
  ): Promise<Accepted> {
    return this.service.accept({
      systemId,
      token,
      contentType: singleHeader(request, 'content-type'),
      rawBody: rawBodyOf(request),
    });
  }
}
