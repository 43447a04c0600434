/**
 * Builds the reviewer from its configuration: schema registration, Postgres migrations,
 * the Kafka side (topics, redelivery producer, DLQ and outcome consumers; connected in the
 * background, see kafka-link.ts), notifications, gauges, the access hook, the API (Nest),
 * the console, OpenAPI at /docs and the probes. main.ts listens; tests call this and
 * listen on port 0.
 */
import { ConfigError } from '@hub/config';
import { systemEventIdentity, targetControlTopic } from '@hub/contracts';
import {
  createKafkaClientFrom,
  createSchemaRegistrySerdeFrom,
  createTopicAdmin,
  registerContractCatalog,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import {
  HealthRegistry,
  pingCheck,
  createLogger,
  createMetrics,
  createRegistry,
  type Logger,
} from '@hub/observability';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createHttpService,
  refuseUnsafeAdminPort,
  type ListenAddresses,
  type ListeningUrls,
} from '@hub/service-main';
import { DeadLetterActions } from '../actions/dead-letter-actions';
import { ChangeRequestFeed } from '../change-requests/change-request-feed';
import { ChangeRequestStore } from '../change-requests/change-request-store';
import { ItemQueries } from '../api/item-queries';
import { TargetOverviews } from '../api/target-overview';
import { DriftProxy } from '../drift/drift-proxy';
import { registerAccessHook } from '../auth/access-hook';
import { Authenticator } from '../auth/authenticator';
import { ConsoleSessions } from '../auth/console-sessions';
import { jwtProductionProblems } from '../auth/jwt-settings';
import { forbiddenPage, registerConsoleRoutes } from '../console/console-routes';
import { ReviewerControls } from '../controls/reviewer-controls';
import { deadLetterHandler } from '../ingestion/dead-letter-ingestion';
import { outcomeBatchHandler, retryingItems } from '../ingestion/outcome-following';
import { OpenItemGauges } from '../metrics/open-item-gauges';
import { Notifier } from '../notifications/notifier';
import { reviewerProblemFilter } from '../problem/problem.filter';
import { RedeliveryRelay } from '../retry/redelivery-relay';
import { AppliedVersionReader } from '../store/applied-version-reader';
import { AuditStore } from '../store/audit-store';
import { ingestDeadLetter } from '../store/dead-letter-ingest';
import { ItemStore } from '../store/item-store';
import { RedeliveryOutbox } from '../store/redelivery-outbox';
import { openReviewerDatabase } from '../store/reviewer-data-source';
import { refuseUnmigrated } from './reviewer-migrations';
import type { DlqReviewerConfig } from './dlq-reviewer.config';
import { DlqReviewerModule } from './dlq-reviewer.module';
import { KafkaLink, type KafkaLinkTiming } from './kafka-link';
import { consumerRunners, redeliveryProducer } from './kafka-wiring';
import { provisioningSender, topicProvisioning } from './topic-provisioning';
import { setUpOpenApi } from './open-api';

export interface DlqReviewerApp {
  readonly app: NestFastifyApplication;
  readonly logger: Logger;
  /** Recomputes the gauges now (tests; production refreshes on a timer). */
  refreshGauges(): Promise<void>;
  /** Resolves once topics, producer and consumers are up (start-up does not wait for Kafka). */
  kafkaConnected(): Promise<void>;
  /**
   * Listens on DLQ_REVIEWER_PORT, and on DLQ_REVIEWER_ADMIN_PORT when set, on all interfaces;
   * tests override (port 0, 127.0.0.1).
   */
  listen(addresses?: Partial<ListenAddresses>): Promise<ListeningUrls>;
  close(): Promise<void>;
}

export interface DlqReviewerOptions {
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
  /** Reconnect delays while Kafka is unreachable (tests shorten them). */
  readonly kafkaTiming?: KafkaLinkTiming;
  /**
   * Test seam: create the DLQ and outcome topics first (DLQ_TOPIC_PARTITIONS,
   * DLQ_TOPIC_REPLICATION). The app itself creates none at start-up: `npm run topics` does.
   */
  readonly ensureTopics?: boolean;
}

async function registeredSerde(config: DlqReviewerConfig): Promise<SchemaRegistrySerde> {
  const serde = createSchemaRegistrySerdeFrom(config.schemaRegistry);
  await registerContractCatalog(serde);
  return serde;
}

export async function createDlqReviewerApp(
  config: DlqReviewerConfig,
  options: DlqReviewerOptions = {},
): Promise<DlqReviewerApp> {
  const unsafe = jwtProductionProblems(config.jwt);
  if (unsafe.length > 0) throw new ConfigError('CONFIG_INVALID', unsafe);
  // Its port faces operators, who sign in, so production does not demand an admin port.
  refuseUnsafeAdminPort(
    {
      port: { env: 'DLQ_REVIEWER_PORT', value: config.port },
      adminPort: { env: 'DLQ_REVIEWER_ADMIN_PORT', value: config.adminPort },
      served: '/healthz, /readyz and /metrics',
    },
    undefined,
  );
  const now = options.now ?? systemEventIdentity.now;
  const logger = createLogger({
    service: config.observability.serviceName,
    level: config.observability.logLevel,
  });
  const serde = await registeredSerde(config);
  if (!config.database.migrateAtStart) await refuseUnmigrated(config);
  const dataSource = await openReviewerDatabase(config.database.url, config.databaseSchema);
  const appliedVersions = await AppliedVersionReader.open(
    config.database.url,
    config.idempotencySchema,
  );
  const items = new ItemStore(dataSource);
  const audit = new AuditStore(dataSource);
  const changeRequests = new ChangeRequestStore(dataSource);

  const registry = createRegistry();
  const metrics = createMetrics(registry);
  const gauges = new OpenItemGauges(items, metrics, logger, config.metricsIntervalMs, now);
  const notifier = new Notifier({
    webhooks: config.webhooks,
    windowMs: config.notifyWindowMs,
    attempts: config.notifyAttempts,
    retryDelayMs: config.notifyRetryDelayMs,
    consoleUrl: config.consoleUrl,
    logger,
    now,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });

  const client = createKafkaClientFrom(config.kafka, logger);
  const admin = createTopicAdmin(client);
  const provisioning = topicProvisioning(admin, config, logger);
  const producer = redeliveryProducer(client);
  const onChange = (): void => {
    gauges.soon();
  };
  const handlers = {
    deadLetter: deadLetterHandler(
      (item, at) => ingestDeadLetter(dataSource, item, at),
      {
        itemCreated: (item) => {
          notifier.itemCreated(item);
          onChange();
        },
        itemMerged: onChange,
      },
      logger,
      now,
    ),
    outcome: outcomeBatchHandler(items, retryingItems(dataSource), onChange, logger, now),
  };
  const changeRequestFeed = new ChangeRequestFeed({
    client,
    serde,
    store: changeRequests,
    changeRequestTopic: config.changeRequestTopic,
    outcomeTopic: config.outcomeTopic,
    deadLetterTopic: config.deadLetterTopic,
    groupId: `${config.consumerGroup}-change-requests`,
    logger,
    now,
  });
  changeRequestFeed.start();
  const kafka = new KafkaLink(
    {
      topics: [config.deadLetterTopic, config.outcomeTopic],
      ensureTopics: async () => {
        if (options.ensureTopics === true)
          await provisioning.ensure([
            config.deadLetterTopic,
            config.outcomeTopic,
            targetControlTopic,
          ]);
      },
      producer,
      makeRunners: () => consumerRunners(client, config, serde, handlers, logger),
    },
    logger,
    options.kafkaTiming,
  );
  kafka.start();
  gauges.start();

  const health = new HealthRegistry(2_000);
  health.register('consumers', () =>
    Promise.resolve(
      kafka.consuming
        ? { ok: true, detail: 'consuming' }
        : { ok: false, detail: kafka.lastFailure ?? 'not consuming' },
    ),
  );
  health.register(
    'postgres',
    pingCheck(() => dataSource.query('SELECT 1')),
  );

  const relay = new RedeliveryRelay({
    outbox: new RedeliveryOutbox(dataSource),
    sender: provisioningSender(producer, provisioning),
    ready: () => kafka.producerReady,
    intervalMs: config.outboxIntervalMs,
    metrics,
    logger,
    now,
  });
  relay.start();
  health.register('redelivery-outbox', () => relay.health());
  const actions = new DeadLetterActions({
    items,
    audit,
    transaction: (work) => dataSource.transaction(work),
    producerReady: () => kafka.producerReady,
    onQueued: () => {
      relay.nudge();
    },
    metrics,
    now,
    bulkRetryLimit: config.bulkRetryLimit,
    onChange,
  });
  const queries = new ItemQueries(items, audit, appliedVersions, serde);
  const controls = new ReviewerControls({
    client,
    sender: provisioningSender(producer, provisioning),
    producerReady: () => kafka.producerReady,
    groupPrefix: config.consumerGroup,
    deadLetterTopic: config.deadLetterTopic,
    audit,
    items,
    appliedVersions,
    transaction: (work) => dataSource.transaction(work),
    onQueued: () => {
      relay.nudge();
      onChange();
    },
    now,
    replayLimit: config.bulkRetryLimit,
    logger,
    metrics,
  });
  controls.start(kafka.connected);
  const overviews = new TargetOverviews(
    items,
    config.schedulerStatusUrl,
    options.fetch,
    controls.live,
  );
  const drift = new DriftProxy(config.reconcileConnectors, audit, now, options.fetch);
  const authenticator = new Authenticator(config.apiTokens, config.jwt);
  const http = await createHttpService({
    module: DlqReviewerModule.register({
      queries,
      actions,
      audit,
      overviews,
      changeRequests,
      drift,
      targetControls: controls.targetControls,
      replays: controls.replays,
    }),
    logger,
    health,
    registry,
    adminListener: config.adminPort !== undefined,
  });
  const { app } = http;
  app.useGlobalFilters(reviewerProblemFilter(logger));
  const fastify = app.getHttpAdapter().getInstance();
  const sessions = new ConsoleSessions(dataSource, config.sessionTtlMs, now);
  registerAccessHook(fastify, { authenticator, sessions }, forbiddenPage);
  registerConsoleRoutes(fastify, {
    queries,
    actions,
    overviews,
    targetControls: controls.targetControls,
    authenticator,
    sessions,
    changeRequests,
    drift,
  });
  setUpOpenApi(app);
  await http.init();

  return {
    app,
    logger,
    refreshGauges: () => gauges.refresh(),
    kafkaConnected: () => kafka.connected,
    listen: (addresses = {}) =>
      http.listen({
        host: '0.0.0.0',
        port: config.port,
        adminPort: config.adminPort,
        ...addresses,
      }),
    close: async () => {
      health.beginShutdown();
      await http.close();
      await relay.stop();
      await controls.close();
      await changeRequestFeed.stop();
      await kafka.stop();
      await admin.close().catch(() => undefined);
      await notifier.close();
      await gauges.stop();
      await appliedVersions.close();
      await dataSource.destroy();
    },
  };
}
