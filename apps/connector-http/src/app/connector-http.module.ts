/** The Nest module: the admin routes over the prebuilt ConnectorHttpDeps. */
import { Module, type DynamicModule } from '@nestjs/common';
import { EndpointsAdminService } from '../admin/endpoints-admin.service';
import { EndpointsHttpController } from '../admin/endpoints.http.controller';
import { CONNECTOR_HTTP_DEPS, type ConnectorHttpDeps } from './connector-http-deps';

@Module({})
export class ConnectorHttpModule {
  static register(deps: ConnectorHttpDeps): DynamicModule {
    return {
      module: ConnectorHttpModule,
      controllers: [EndpointsHttpController],
      providers: [{ provide: CONNECTOR_HTTP_DEPS, useValue: deps }, EndpointsAdminService],
    };
  }
}
