/**
 * Builds connector-http from its configuration: policy, its own Postgres tables (endpoint
 * state), the HTTP write adapter inside the connector runtime (which consumes the canonical
 * topics and routes failures), metrics, probes and the admin routes on Nest/Fastify.
 * main.ts listens; tests call this and listen on port 0.
 */
import {
  createConnectorRuntime,
  type ConnectorRuntime,
  type ConnectorRuntimeOptions,
  type ConnectorRuntimeSettings,
} from '@hub/connector-runtime';
import type { EventIdentity } from '@hub/contracts';
import { createKafkaClientFrom, createSchemaRegistrySerdeFrom } from '@hub/messaging';
import {
  HealthRegistry,
  createLogger,
  createMetrics,
  createProbeHandlers,
  createRegistry,
  nestLoggerFrom,
  pingCheck,
  registerProbeRoutes,
  type Logger,
} from '@hub/observability';
import { loadPolicyFile } from '@hub/ownership';
import { systemClock, type Clock } from '@hub/resilience';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { adminProblemFilter } from '../admin/problem.filter';
import { HttpWriteAdapter } from '../delivery/http-write-adapter';
import { WebhookSender } from '../delivery/webhook-sender';
import { createConnectorHttpDataSource } from '../endpoint-state/endpoint-state-data-source';
import { endpointGauge, initializeGauge } from '../endpoint-state/endpoint-gauge';
import { EndpointStateStore } from '../endpoint-state/endpoint-state-store';
import type { ConnectorHttpConfig } from './connector-http.config';
import { ConnectorHttpModule } from './connector-http.module';

/** No read side: nothing to sweep, nothing to fetch again. */
const WRITE_ONLY = {
  sweepMode: 'off',
  sweepInterval: 600_000,
  sweepMaxPages: 1,
  notFoundRetry: [],
} as const satisfies Partial<ConnectorRuntimeSettings>;

export interface ConnectorHttpApp {
  readonly app: NestFastifyApplication;
  readonly runtime: ConnectorRuntime;
  readonly logger: Logger;
  close(): Promise<void>;
}

/** Test seams: fixed clock and ids, topic overrides, topic creation. */
export interface ConnectorHttpAppOptions {
  readonly identity?: EventIdentity;
  readonly clock?: Clock;
  readonly topics?: ConnectorRuntimeOptions['topics'];
  readonly ensureTopics?: ConnectorRuntimeOptions['ensureTopics'];
}

export async function createConnectorHttpApp(
  config: ConnectorHttpConfig,
  options: ConnectorHttpAppOptions = {},
): Promise<ConnectorHttpApp> {
  const logger = createLogger({
    service: config.observability.serviceName,
    level: config.observability.logLevel,
  });
  const policy = loadPolicyFile(config.ownershipPolicyPath);
  const clock = options.clock ?? systemClock;
  const system = config.connector.systemId;

  const dataSource = createConnectorHttpDataSource(
    config.database.url,
    config.connector.databaseSchema,
  );
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  const state = new EndpointStateStore(dataSource, config.connector.databaseSchema);

  const registry = createRegistry();
  const metrics = createMetrics(registry);
  const gauge = endpointGauge(metrics, system);
  await initializeGauge(
    gauge,
    state,
    config.endpoints.map((e) => e.id),
  );
  const adapter = new HttpWriteAdapter({
    endpoints: config.endpoints,
    state,
    gauge,
    sender: new WebhookSender(clock),
    clock,
    logger,
  });
  const unrouted = adapter.writes.filter((type) => !policy.mayWrite(system, type));
  // The runtime consumes only what the policy routes here; say so rather than idle silently.
  if (unrouted.length > 0)
    logger.warn(
      { system, entityTypes: unrouted },
      'the ownership policy does not route these endpoint entity types to this system; they are not consumed',
    );
  const runtime = createConnectorRuntime({
    system,
    write: adapter,
    policy,
    kafka: createKafkaClientFrom(config.kafka, logger),
    serde: createSchemaRegistrySerdeFrom(config.schemaRegistry),
    database: { url: config.database.url },
    settings: { ...config.connector, ...WRITE_ONLY },
    logger,
    metrics,
    clock,
    ...(options.identity === undefined ? {} : { identity: options.identity }),
    ...(options.topics === undefined ? {} : { topics: options.topics }),
    ...(options.ensureTopics === undefined ? {} : { ensureTopics: options.ensureTopics }),
  });

  const health = new HealthRegistry(2_000);
  for (const [name, check] of Object.entries(runtime.readinessChecks)) health.register(name, check);
  health.register(
    'endpoint-state',
    pingCheck(() => dataSource.query('select 1')),
  );

  const app = await NestFactory.create<NestFastifyApplication>(
    ConnectorHttpModule.register({
      systemId: system,
      endpoints: config.endpoints,
      state,
      gauge,
      adminToken: config.adminToken,
      clock,
      logger,
    }),
    new FastifyAdapter(),
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest types its options bag as a class
    { bodyParser: false, logger: false },
  );
  app.useLogger(nestLoggerFrom(logger));
  app.useGlobalFilters(adminProblemFilter(logger));
  const fastify = app.getHttpAdapter().getInstance();
  // No route reads a body: accept any (an operator's `curl -H content-type:application/json`
  // without one included) instead of failing on Fastify's JSON parser.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
  registerProbeRoutes(fastify, createProbeHandlers({ health, registry }));
  await app.init();

  try {
    await runtime.start();
  } catch (error) {
    await runtime.abort().catch(() => undefined);
    await app.close();
    await dataSource.destroy();
    throw error;
  }
  logger.info(
    { system, endpoints: config.endpoints.map((e) => ({ id: e.id, entityTypes: e.entityTypes })) },
    'connector-http started',
  );

  return {
    app,
    runtime,
    logger,
    close: async () => {
      health.beginShutdown();
      await runtime.stop();
      await app.close();
      await dataSource.destroy();
    },
  };
}
