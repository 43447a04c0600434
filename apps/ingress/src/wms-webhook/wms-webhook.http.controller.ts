/** HTTP adapter for WMS deliveries; the raw body is a Buffer (see app/raw-body-parser.ts). */
import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { WmsWebhookDocs } from '../openapi/route-docs';
import { rawBodyOf, singleHeader } from '../webhook-common/request-parts';
import { WmsWebhookService, type Accepted } from './wms-webhook.service';

@Controller('webhooks/wms')
export class WmsWebhookHttpController {
  // @Inject spelled out: the DI works without emitted type metadata (tsx/esbuild).
  constructor(@Inject(WmsWebhookService) private readonly service: WmsWebhookService) {}

  @Post(':systemId')
  @HttpCode(202)
  @WmsWebhookDocs()
  async receive(
    @Param('systemId') systemId: string,
    @Req() request: FastifyRequest,
  ): Promise<Accepted> {
    return this.service.accept({
      systemId,
      contentType: singleHeader(request, 'content-type'),
      signed: {
        id: singleHeader(request, 'webhook-id'),
        timestamp: singleHeader(request, 'webhook-timestamp'),
        signature: singleHeader(request, 'webhook-signature'),
      },
      rawBody: rawBodyOf(request),
    });
  }
}
