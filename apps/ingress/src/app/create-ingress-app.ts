/**
 * Builds the ingress from its configuration: policy, schema registration, Postgres
 * migrations, the Kafka producer (connecting in the background), metrics, probes and the
 * Nest app on Fastify. main.ts listens; tests call this and listen on port 0.
 */
import { systemEventIdentity, type EventIdentity } from '@hub/contracts';
import {
  createKafkaClientFrom,
  createProducer,
  createSchemaRegistrySerdeFrom,
  productionModeReason,
  registerContractCatalog,
} from '@hub/messaging';
import {
  HealthRegistry,
  connectedCheck,
  createLogger,
  createMetrics,
  createRegistry,
  type Logger,
} from '@hub/observability';
import { loadPolicyFile } from '@hub/ownership';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createHttpService,
  migrateOrRefuse,
  refuseUnsafeAdminPort,
  type ListenAddresses,
  type ListeningUrls,
} from '@hub/service-main';
import { WebhookMetrics } from '../metrics/webhook-metrics';
import { setupOpenApi } from '../openapi/setup-openapi';
import { ingressProblemFilter } from '../problem/problem.filter';
import { anyBrokerReachable } from '../publishing/broker-probe';
import { EventPublisher } from '../publishing/event-publisher';
import { createIngressDataSource } from '../reverse-direction/reverse-direction-data-source';
import { ReverseDirectionStore } from '../reverse-direction/reverse-direction-store';
import type { IngressConfig } from './ingress.config';
import { limitAuthenticationFailures } from './auth-failure-limit';
import { IngressModule } from './ingress.module';
import { keepRawBodies } from './raw-body-parser';
import { guardSlowBodies } from './slow-body-guard';

export interface IngressApp {
  readonly app: NestFastifyApplication;
  readonly logger: Logger;
  /**
   * Listens on INGRESS_PORT, and on INGRESS_ADMIN_PORT when set, on all interfaces; tests
   * override (port 0, 127.0.0.1).
   */
  listen(addresses?: Partial<ListenAddresses>): Promise<ListeningUrls>;
  close(): Promise<void>;
}

export interface IngressAppOptions {
  readonly identity?: EventIdentity;
  /** Contract topic → topic written; for tests and benchmarks on a shared broker. */
  readonly topicOverrides?: Readonly<Record<string, string>>;
}

/** The `migrate` command for the ingress: its tables migrated, the connection closed. */
export async function migrateIngress(config: IngressConfig): Promise<void> {
  const dataSource = createIngressDataSource(config.database.url, config.databaseSchema);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await dataSource.destroy();
  }
}

export async function createIngressApp(
  config: IngressConfig,
  options: IngressAppOptions = {},
): Promise<IngressApp> {
  // Before anything connects: /metrics and /docs name the configured systems.
  refuseUnsafeAdminPort(
    {
      port: { env: 'INGRESS_PORT', value: config.http.port },
      adminPort: { env: 'INGRESS_ADMIN_PORT', value: config.http.adminPort },
      served: '/healthz, /readyz, /metrics and the OpenAPI description (/docs, /docs-json)',
    },
    productionModeReason(config.kafka.securityRequired),
  );
  const logger = createLogger({
    service: config.observability.serviceName,
    level: config.observability.logLevel,
  });
  const policy = loadPolicyFile(config.ownershipPolicyPath);
  const serde = createSchemaRegistrySerdeFrom(config.schemaRegistry);
  await registerContractCatalog(serde);

  const dataSource = createIngressDataSource(config.database.url, config.databaseSchema);
  await dataSource.initialize();
  await migrateOrRefuse(dataSource, config.database.migrateAtStart, 'ingress').catch(
    async (error: unknown) => {
      await dataSource.destroy();
      throw error;
    },
  );

  const { kafka } = config;
  const client = createKafkaClientFrom(kafka, logger);
  const publisher = new EventPublisher(createProducer(client, { retries: 3 }), serde, {
    probe: (signal) => anyBrokerReachable(kafka.brokers, signal),
    onConnectError: (message) => {
      logger.warn({ error: message }, 'Kafka producer not connected; retrying');
    },
    ...(options.topicOverrides === undefined ? {} : { topicOverrides: options.topicOverrides }),
  });
  publisher.start();

  const registry = createRegistry();
  const metrics = createMetrics(registry);
  const health = new HealthRegistry(2_000);
  health.register(
    'kafka',
    connectedCheck(() => publisher.connected),
  );

  const http = await createHttpService({
    module: IngressModule.register({
      systems: config.systems,
      policy,
      publisher,
      reverseDirection: new ReverseDirectionStore(dataSource, config.databaseSchema),
      metrics,
      logger,
      identity: options.identity ?? systemEventIdentity,
      bcMaxItems: config.businessCentral.maxItems,
      freshness: config.freshness,
    }),
    logger,
    health,
    registry,
    bodyLimit: config.http.bodyLimit,
    bodyParser: false,
    adminListener: config.http.adminPort !== undefined,
  });
  const { app } = http;
  const webhookMetrics = new WebhookMetrics(metrics, config.systems);
  app.useGlobalFilters(ingressProblemFilter(logger, webhookMetrics));
  const fastify = app.getHttpAdapter().getInstance();
  keepRawBodies(fastify);
  guardSlowBodies(fastify, config.http.requestTimeoutMs);
  await limitAuthenticationFailures(fastify, config.authFailures);
  fastify.addHook('onRequest', (request, reply, done) => {
    // BC's handshake echoes caller text; no answer may be sniffed into HTML.
    void reply.header('x-content-type-options', 'nosniff');
    webhookMetrics.received(request);
    done();
  });
  setupOpenApi(app, http.admin);
  await http.init();

  return {
    app,
    logger,
    listen: (addresses = {}) =>
      http.listen({
        host: '0.0.0.0',
        port: config.http.port,
        adminPort: config.http.adminPort,
        ...addresses,
      }),
    close: async () => {
      health.beginShutdown();
      await http.close();
      await publisher.close();
      await dataSource.destroy();
    },
  };
}
