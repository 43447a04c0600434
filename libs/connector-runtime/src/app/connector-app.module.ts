/** The Nest module every connector app runs: GET /status, plus the connector's own routes and the kit's (reconciliation). */
import { Controller, Get, Inject, Module, type DynamicModule } from '@nestjs/common';

export const CONNECTOR_STATUS = Symbol('CONNECTOR_STATUS');

export type ConnectorStatusSource = () => Readonly<Record<string, unknown>>;

@Controller('status')
export class ConnectorStatusController {
  // @Inject spelled out: the DI works without emitted type metadata (tsx/esbuild).
  constructor(@Inject(CONNECTOR_STATUS) private readonly status: ConnectorStatusSource) {}

  @Get()
  get(): Readonly<Record<string, unknown>> {
    return this.status();
  }
}

@Module({})
export class ConnectorAppModule {
  static register(
    status: ConnectorStatusSource,
    own?: DynamicModule,
    kit: readonly DynamicModule[] = [],
  ): DynamicModule {
    return {
      module: ConnectorAppModule,
      imports: [...(own === undefined ? [] : [own]), ...kit],
      controllers: [ConnectorStatusController],
      providers: [{ provide: CONNECTOR_STATUS, useValue: status }],
    };
  }
}
