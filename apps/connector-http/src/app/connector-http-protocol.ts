/**
 * What connector-http supplies to the kit: the HTTP write adapter, the endpoint-state
 * table (and the gauge read from it at start), the admin routes and their problem responses.
 */
import type { ConnectorKitContext, ConnectorProtocol } from '@hub/connector-runtime';
import type { OwnershipRefusal } from '@hub/ownership';
import { adminProblemFilter } from '../admin/problem.filter';
import { HttpWriteAdapter } from '../delivery/http-write-adapter';
import { WebhookSender } from '../delivery/webhook-sender';
import { endpointGauge, initializeGauge } from '../endpoint-state/endpoint-gauge';
import { createConnectorHttpDataSource } from '../endpoint-state/endpoint-state-data-source';
import { EndpointStateStore } from '../endpoint-state/endpoint-state-store';
import type { ConnectorHttpConfig } from './connector-http.config';
import { ConnectorHttpModule } from './connector-http.module';

export function connectorHttpProtocol({
  config,
  system,
  logger,
  metrics,
  policy,
  clock,
}: ConnectorKitContext<ConnectorHttpConfig>): ConnectorProtocol & {
  readonly write: HttpWriteAdapter;
} {
  const schema = config.connector.databaseSchema;
  const dataSource = createConnectorHttpDataSource(config.database.url, schema);
  const state = new EndpointStateStore(dataSource, schema);
  const gauge = endpointGauge(metrics, system);
  const adapter = new HttpWriteAdapter({
    endpoints: config.endpoints,
    state,
    gauge,
    sender: new WebhookSender(clock),
    clock,
    logger,
  });
  // The runtime consumes only what the policy routes here; say so, and why, rather than idle silently.
  const unrouted = adapter.writes
    .map((type) => policy.receiverVerdict(system, type))
    .filter((verdict): verdict is OwnershipRefusal => !verdict.allowed);
  if (unrouted.length > 0)
    logger.warn(
      {
        system,
        entityTypes: unrouted.map((refusal) => refusal.entityType),
        reasons: unrouted.map((refusal) => `${refusal.code}: ${refusal.message}`),
      },
      'the ownership policy does not route these endpoint entity types to this system; they are not consumed',
    );
  return {
    write: adapter,
    ownTables: { name: 'endpoint-state', dataSource },
    startupChecks: [
      {
        name: 'endpoint-gauge',
        run: () =>
          initializeGauge(
            gauge,
            state,
            config.endpoints.map((e) => e.id),
          ),
      },
    ],
    module: ConnectorHttpModule.register({
      systemId: system,
      endpoints: config.endpoints,
      state,
      gauge,
      adminToken: config.adminToken,
      clock,
      logger,
    }),
    configureHttp: (app) => {
      app.useGlobalFilters(adminProblemFilter(logger));
      const fastify = app.getHttpAdapter().getInstance();
      // No route reads a body: accept any (an operator's `curl -H content-type:application/json`
      // without one included) instead of failing on Fastify's JSON parser.
      fastify.removeAllContentTypeParsers();
      fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
        done(null, body);
      });
    },
    startedLog: {
      endpoints: config.endpoints.map((e) => ({ id: e.id, entityTypes: e.entityTypes })),
    },
  };
}
