/** HTTP adapter of the admin routes; every route needs the admin bearer token. */
import { Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CONNECTOR_HTTP_DEPS, type ConnectorHttpDeps } from '../app/connector-http-deps';
import { requireAdmin } from './admin-auth';
import {
  EndpointsAdminService,
  type EnableResult,
  type EndpointList,
} from './endpoints-admin.service';

@Controller('endpoints')
export class EndpointsHttpController {
  // @Inject spelled out: the DI works without emitted type metadata (tsx/esbuild).
  constructor(
    @Inject(EndpointsAdminService) private readonly service: EndpointsAdminService,
    @Inject(CONNECTOR_HTTP_DEPS) private readonly deps: ConnectorHttpDeps,
  ) {}

  @Get()
  async list(@Req() request: FastifyRequest): Promise<EndpointList> {
    requireAdmin(this.deps.adminToken, request.headers.authorization);
    return this.service.list();
  }

  @Post(':id/enable')
  @HttpCode(200)
  async enable(@Param('id') id: string, @Req() request: FastifyRequest): Promise<EnableResult> {
    requireAdmin(this.deps.adminToken, request.headers.authorization);
    return this.service.enable(id);
  }
}
