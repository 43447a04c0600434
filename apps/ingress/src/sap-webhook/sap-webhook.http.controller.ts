/** HTTP adapter for SAP business events (CloudEvents structured or binary mode). */
import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SapWebhookDocs } from '../openapi/route-docs';
import { rawBodyOf } from '../webhook-common/request-parts';
import type { Accepted } from '../wms-webhook/wms-webhook.service';
import { SapWebhookService, type SapRefused } from './sap-webhook.service';

@Controller('webhooks/sap')
export class SapWebhookHttpController {
  // @Inject spelled out: the DI works without emitted type metadata (tsx/esbuild).
  constructor(@Inject(SapWebhookService) private readonly service: SapWebhookService) {}

  @Post(':systemId')
  @HttpCode(202)
  @SapWebhookDocs()
  async receive(
    @Param('systemId') systemId: string,
    @Req() request: FastifyRequest,
  ): Promise<Accepted | SapRefused> {
    return this.service.accept({ systemId, headers: request.headers, rawBody: rawBodyOf(request) });
  }
}
