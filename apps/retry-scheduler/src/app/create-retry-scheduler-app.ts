/**
 * Builds the retry scheduler from its configuration: schemas, Postgres migrations, topics,
 * producer, the retry-topic and outcome consumers, one dispatch loop per target, metrics,
 * probes and GET /status on the hub's Nest HTTP app. main.ts listens; tests call this and listen on port 0.
 */
import { ControlReader } from '@hub/connector-runtime';
import { retryTopic, systemEventIdentity, topics, type EventIdentity } from '@hub/contracts';
import {
  createKafkaClientFrom,
  createProducer,
  createSchemaRegistrySerdeFrom,
  registerContractCatalog,
} from '@hub/messaging';
import {
  HealthRegistry,
  connectedCheck,
  createLogger,
  createMetrics,
  createRegistry,
  pingCheck,
  type Logger,
} from '@hub/observability';
import { systemClock, type Clock } from '@hub/resilience';
import { createHttpApp } from '@hub/service-main';
import type { FastifyInstance } from 'fastify';
import { OutcomeIntake } from '../breaker/outcome-intake';
import { DispatchLoops } from '../scheduling/dispatch-loops';
import { DueListener } from '../scheduling/due-listener';
import { RetryIntake } from '../scheduling/retry-intake';
import { TargetDispatcher } from '../scheduling/target-dispatcher';
import { startHousekeeping } from '../status/housekeeping';
import { schedulerStatus } from '../status/scheduler-status';
import { ensureBreakerRows } from '../store/breaker-store';
import { pullForward } from '../store/schedule-store';
import { openSchedulerDataSource } from '../store/scheduler-data-source';
import { refuseUnmigrated } from './scheduler-migrations';
import type { RetrySchedulerConfig } from './retry-scheduler.config';
import { RetrySchedulerModule } from './retry-scheduler.module';
import {
  ensureSchedulerTopics,
  missingTopicError,
  outcomeConsumer,
  retryConsumer,
} from './scheduler-kafka';
import { schedulerPolicies } from './target-policies';

export interface RetrySchedulerApp {
  readonly http: FastifyInstance;
  readonly logger: Logger;
  close(): Promise<void>;
}

export interface RetrySchedulerAppOptions {
  readonly clock?: Clock;
  readonly identity?: EventIdentity;
  /**
   * Test seam: create the topics the scheduler uses first (RETRY_TOPIC_PARTITIONS,
   * RETRY_TOPIC_REPLICATION). The app itself creates none: `npm run topics` does.
   */
  readonly ensureTopics?: boolean;
}

export async function createRetrySchedulerApp(
  config: RetrySchedulerConfig,
  options: RetrySchedulerAppOptions = {},
): Promise<RetrySchedulerApp> {
  const clock = options.clock ?? systemClock;
  const identity = options.identity ?? systemEventIdentity;
  const logger = createLogger({
    service: config.observability.serviceName,
    level: config.observability.logLevel,
  });
  const policies = schedulerPolicies(config);
  const targets = [...policies.targets.keys()];
  const serde = createSchemaRegistrySerdeFrom(config.schemaRegistry);
  await registerContractCatalog(serde);

  if (!config.database.migrateAtStart) await refuseUnmigrated(config);
  const dataSource = await openSchedulerDataSource(config.database.url, config.databaseSchema);
  await ensureBreakerRows(dataSource, [...policies.targets.values()], clock.now());
  const client = createKafkaClientFrom(config.kafka, logger);
  if (options.ensureTopics === true) await ensureSchedulerTopics(client, config, targets);
  const producer = createProducer(client, { retries: 5 });
  await producer.connect();

  // The operators' orders, known before anything is dispatched; a pull-forward is applied
  // by every replica (the same UPDATE twice changes nothing).
  // The dispatch loops, once made: an order may let a target send (unpaused, pulled forward).
  const wakeLoops: { wake?: (target: string | undefined) => void } = {};
  const controlReader = new ControlReader({
    client,
    sender: producer,
    groupPrefix: config.groupId,
    deadLetterTopic: topics.deadLetter,
    logger,
    onRecord: async ({ target, pullForwardBefore }) => {
      if (!policies.targets.has(target)) return;
      if (pullForwardBefore !== null) {
        const moved = await pullForward(dataSource, target, pullForwardBefore);
        if (moved > 0) logger.info({ target, moved }, `Pulled ${String(moved)} retries forward`);
      }
      wakeLoops.wake?.(target);
    },
  });
  try {
    await controlReader.start();
  } catch (error) {
    await controlReader.abort().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await dataSource.destroy();
    throw missingTopicError(error, targets);
  }

  const registry = createRegistry();
  const metrics = createMetrics(registry);
  // This process's loops hear of its own intakes' commits directly too (not only by NOTIFY).
  const wakeLocal = (target: string): void => {
    wakeLoops.wake?.(target);
  };
  const retries = retryConsumer(
    client,
    config,
    targets,
    new RetryIntake(
      dataSource,
      policies,
      new Map(targets.map((target) => [retryTopic(target), target])),
      clock,
      logger,
      wakeLocal,
    ),
    metrics.consumerLag,
  );
  const outcomes = outcomeConsumer(
    client,
    config,
    serde,
    new OutcomeIntake(dataSource, policies, metrics, clock, logger, wakeLocal),
    metrics.consumerLag,
  );
  const listener = new DueListener({
    databaseUrl: config.database.url,
    schema: config.databaseSchema,
    wake: (target) => {
      wakeLoops.wake?.(target);
    },
    logger,
  });
  const deps = {
    dataSource,
    producer,
    serde,
    policies,
    metrics,
    clock,
    identity,
    pollIntervalMs: config.pollInterval,
    quietMs: () => (listener.isListening() ? config.idleCheckInterval : config.pollInterval),
    batchSize: config.batchSize,
    controls: controlReader.controls,
  };
  const loops = new DispatchLoops(
    new Map(
      [...policies.targets.values()].map((policy) => [
        policy.target,
        new TargetDispatcher(deps, policy),
      ]),
    ),
    Math.max(config.pollInterval, 500),
    logger,
  );
  try {
    await Promise.all([retries.start(), outcomes.start()]);
  } catch (error) {
    await Promise.all(
      [retries.abort(), outcomes.abort(), controlReader.abort()].map((done) =>
        done.catch(() => undefined),
      ),
    );
    await producer.disconnect().catch(() => undefined);
    await dataSource.destroy();
    throw missingTopicError(error, targets);
  }
  wakeLoops.wake = (target) => {
    loops.wake(target);
  };
  await listener.start();
  loops.start();
  const stopHousekeeping = startHousekeeping(
    dataSource,
    policies,
    metrics,
    clock,
    config.doneRetention,
    logger,
  );

  const health = new HealthRegistry(2_000);
  health.register(
    'postgres',
    pingCheck(() => dataSource.query('SELECT 1')),
  );
  health.register(
    'consumers',
    connectedCheck(
      () => retries.consuming() && outcomes.consuming() && controlReader.consuming(),
      'retry, outcome and control consumers in their groups',
    ),
  );
  const app = await createHttpApp({
    module: RetrySchedulerModule.register(() =>
      schedulerStatus(dataSource, policies, clock, { controls: controlReader.controls }),
    ),
    logger,
    health,
    registry,
  });
  await app.init();
  const http = app.getHttpAdapter().getInstance();

  return {
    http,
    logger,
    close: async () => {
      health.beginShutdown();
      stopHousekeeping();
      await app.close();
      await Promise.all([retries.stop(), outcomes.stop()]);
      await loops.stop();
      await listener.stop();
      await controlReader.stop();
      await producer.disconnect();
      await dataSource.destroy();
    },
  };
}
