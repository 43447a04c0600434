/**
 * The connector kit: one way to build a connector app. The connector supplies its protocol
 * (adapters, own tables, start-up checks, own routes); the kit wires logging, metrics, the
 * ownership policy, Kafka and the schema registry, the connector runtime, the probes and
 * GET /status on a Nest app over Fastify, and the graceful shutdown. main.ts listens through
 * @hub/service-main; tests call start() and listen on port 0.
 */
import { createKafkaClientFrom, createSchemaRegistrySerdeFrom } from '@hub/messaging';
import {
  HealthRegistry,
  createLogger,
  createMetrics,
  createRegistry,
  pingCheck,
} from '@hub/observability';
import { loadPolicyFile } from '@hub/ownership';
import { systemClock } from '@hub/resilience';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@hub/service-main';
import { reconcileRoutesModule } from '../reconcile/reconcile-routes';
import { createConnectorRuntime } from '../runtime/create-connector-runtime';
import {
  connectorRuntimeDataSources,
  migrateOrRefuse,
  runMigrationsOnce,
} from '../persistence/schema-migrations';
import type { ConnectorRuntimeSettings } from '../settings/connector-runtime-settings';
import type {
  ConnectorApp,
  ConnectorAppConfig,
  ConnectorAppOptions,
  ReadSideSetting,
} from './connector-app-options';
import { ConnectorAppModule } from './connector-app.module';

/** What a configuration without read-side settings means: no sweep, nothing fetched again. */
const NO_READ_SIDE = {
  sweepMode: 'off',
  sweepInterval: 600_000,
  sweepMaxPages: 1,
  notFoundRetry: [],
} as const satisfies Pick<ConnectorRuntimeSettings, ReadSideSetting>;

type Phase = 'created' | 'starting' | 'started' | 'closed';

export function createConnectorApp<C extends ConnectorAppConfig>(
  options: ConnectorAppOptions<C>,
): ConnectorApp {
  const { config } = options;
  const logger = createLogger({
    service: config.observability.serviceName,
    level: config.observability.logLevel,
  });
  const registry = createRegistry();
  const metrics = createMetrics(registry);
  const system = config.connector.systemId;
  const clock = options.clock ?? systemClock;
  const migrate = config.database.migrateAtStart ?? true;
  const policy = options.policy ?? loadPolicyFile(config.ownershipPolicyPath);
  const protocol = options.protocol({ config, system, logger, metrics, policy, clock });
  const runtime = (options.createRuntime ?? createConnectorRuntime)({
    system,
    write: protocol.write,
    read: protocol.read,
    ...(protocol.reconcile === undefined ? {} : { reconcile: protocol.reconcile }),
    policy,
    kafka: createKafkaClientFrom(config.kafka, logger),
    serde: createSchemaRegistrySerdeFrom(config.schemaRegistry),
    database: { url: config.database.url, migrate, app: config.observability.serviceName },
    settings: { ...NO_READ_SIDE, ...config.connector },
    logger,
    metrics,
    clock,
    identity: options.identity,
    topics: options.topics,
    ensureTopics: options.ensureTopics,
  });

  const own = protocol.ownTables;
  const health = new HealthRegistry(2_000);
  for (const [name, check] of Object.entries({
    ...runtime.readinessChecks,
    ...protocol.readinessChecks,
  }))
    health.register(name, check);
  if (own !== undefined)
    health.register(
      own.name,
      pingCheck(() => own.dataSource.query('select 1')),
    );
  const status = () => ({ ...runtime.status(), ...protocol.status?.() });
  const adapter = new FastifyAdapter();
  const server = adapter.getInstance();
  const aborter = new AbortController();
  let nest: NestFastifyApplication | undefined;
  let phase: Phase = 'created';
  let starting: Promise<void> | undefined;

  const closeHttpAndTables = async (): Promise<void> => {
    await nest?.close();
    if (own?.dataSource.isInitialized === true) await own.dataSource.destroy();
  };

  const startUp = async (): Promise<void> => {
    if (own !== undefined) {
      await own.dataSource.initialize();
      await migrateOrRefuse(own.dataSource, migrate, config.observability.serviceName);
    }
    const created = await createHttpApp({
      module: ConnectorAppModule.register(status, protocol.module, [
        reconcileRoutesModule(
          {
            operator: () => runtime.reconcileOperator,
            token: config.connector.reconcileAdminToken,
            signal: aborter.signal,
          },
          logger,
        ),
      ]),
      logger,
      health,
      registry,
      bodyParser: false,
      adapter,
    });
    nest = created;
    protocol.configureHttp?.(created);
    await created.init();
    for (const check of protocol.startupChecks ?? []) await check.run(aborter.signal);
    await runtime.start();
  };

  const start = async (): Promise<void> => {
    if (phase !== 'created') throw new Error(`connector app cannot start: it is ${phase}`);
    phase = 'starting';
    try {
      await startUp();
    } catch (error) {
      // A refused start must leave no consumer, pool or socket open.
      await runtime.abort().catch(() => undefined);
      await closeHttpAndTables().catch(() => undefined);
      phase = 'closed';
      throw error;
    }
    phase = 'started';
    logger.info({ system, ...protocol.startedLog }, `${config.observability.serviceName} started`);
  };

  return {
    runtime,
    logger,
    metrics,
    server,
    get app(): NestFastifyApplication {
      if (nest === undefined) throw new Error('connector app not started');
      return nest;
    },
    start: () => {
      starting ??= start();
      return starting;
    },
    listen: async (port, host = '0.0.0.0') => {
      starting ??= start();
      await starting;
      await nest?.listen(port, host);
    },
    migrate: async () => {
      if (phase !== 'created') throw new Error(`connector app cannot migrate: it is ${phase}`);
      const { url } = config.database;
      const { databaseSchema, idempotencySchema } = config.connector;
      const runtimeTables = connectorRuntimeDataSources(url, databaseSchema, idempotencySchema);
      await runMigrationsOnce(
        own === undefined ? runtimeTables : [...runtimeTables, own.dataSource],
      );
    },
    close: async () => {
      aborter.abort(new Error('connector app closing'));
      await starting?.catch(() => undefined);
      if (phase === 'closed') return;
      phase = 'closed';
      health.beginShutdown();
      await runtime.stop();
      await closeHttpAndTables();
    },
  };
}
