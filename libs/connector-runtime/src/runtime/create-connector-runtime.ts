/**
 * The connector runtime: one write path and one read path for every target. The app
 * brings its adapters, policy, Kafka client, serde, logger and metrics; the runtime owns
 * the consumers, the producer, its Postgres tables and the sweep timer.
 */
import { createTopicAdmin, registerContractCatalog, type ConsumerRunner } from '@hub/messaging';
import { connectedCheck, pingCheck } from '@hub/observability';
import { errorMessage } from '@hub/resilience';
import { createNotificationFlow } from '../read/notification-flow';
import { sweepOnce, type SweepReport } from '../read/sweeper';
import { createWriteFlows } from '../write/write-flows';
import type {
  ConnectorRuntime,
  ConnectorRuntimeOptions,
  ConnectorRuntimeStatus,
} from './connector-runtime-options';
import { buildRuntimeParts } from './runtime-parts';
import { migrateOrRefuse } from '../persistence/schema-migrations';
import { reconcileParts } from '../reconcile/reconcile-wiring';

type State = ConnectorRuntimeStatus['state'];

export function createConnectorRuntime(options: ConnectorRuntimeOptions): ConnectorRuntime {
  const { system, settings, logger, metrics, serde } = options;
  const parts = buildRuntimeParts(options);
  const reconcile = reconcileParts(options, parts);
  const { topics, clock, producer, gate } = parts;
  const aborter = new AbortController();
  const writeTopics = parts.writeTypes.map((type) => topics.canonical[type]);
  const read = options.read;
  let state: State = 'created';
  let producerConnected = false;
  let runners: ConsumerRunner[] = [];
  let sweepTimer: NodeJS.Timeout | undefined;
  let sweepInFlight: Promise<SweepReport> | undefined;
  let lastSweep: ConnectorRuntimeStatus['lastSweep'];
  let lastSweepError: string | undefined;

  const sweepNow = async (): Promise<SweepReport> => {
    if (read === undefined) return { kind: 'skipped', reason: 'no-read-adapter' };
    const sweeping = sweepOnce(
      {
        system,
        adapter: read,
        gate,
        publisher: parts.publisher,
        watermarks: parts.watermarks,
        maxPages: settings.sweepMaxPages,
        clock,
        logger,
      },
      aborter.signal,
    );
    sweepInFlight = sweeping;
    try {
      const report = await sweeping;
      lastSweep = { at: clock.now(), report };
      lastSweepError = undefined;
      return report;
    } catch (error) {
      lastSweepError = errorMessage(error);
      throw error;
    } finally {
      if (sweepInFlight === sweeping) sweepInFlight = undefined;
    }
  };

  const scheduleSweep = (delayMs: number): void => {
    sweepTimer = setTimeout(() => {
      sweepNow()
        .catch((error: unknown) => {
          logger.error(
            { error: errorMessage(error) },
            'Sweep failed; the next one starts from the stored watermark',
          );
        })
        .finally(() => {
          if (state === 'running') scheduleSweep(settings.sweepInterval);
        });
    }, delayMs);
    sweepTimer.unref();
  };

  const createRunners = (): ConsumerRunner[] => {
    const created: ConsumerRunner[] = [];
    if (parts.pipeline !== undefined)
      created.push(
        ...createWriteFlows({
          system,
          client: options.kafka,
          serde,
          pipeline: parts.pipeline,
          mainTopics: writeTopics,
          redeliveryTopic: topics.redelivery,
          deadLetterTopic: topics.deadLetter,
          concurrency: settings.concurrency,
          keyConcurrency: settings.keyConcurrency,
          logger,
          runtimeSignal: aborter.signal,
          lagGauge: metrics.consumerLag,
        }),
      );
    if (read !== undefined)
      created.push(
        createNotificationFlow({
          deps: {
            system,
            adapter: read,
            gate,
            publisher: parts.publisher,
            notFoundDelays: settings.notFoundRetry,
            logger,
          },
          client: options.kafka,
          serde,
          topic: topics.sourceNotification,
          deadLetterTopic: topics.deadLetter,
          concurrency: settings.concurrency,
          logger,
          runtimeSignal: aborter.signal,
          lagGauge: metrics.consumerLag,
        }),
      );
    if (reconcile !== undefined) created.push(reconcile.ledgerFlow());
    return created;
  };

  const ensureTopics = async (): Promise<void> => {
    if (options.ensureTopics === undefined) return;
    const { partitions, replicationFactor } = options.ensureTopics;
    const names = new Set([
      ...Object.values(topics.canonical),
      topics.sourceNotification,
      topics.deliveryOutcome,
      topics.deadLetter,
      topics.retry,
      topics.redelivery,
      topics.control,
    ]);
    const admin = createTopicAdmin(options.kafka);
    try {
      await admin.ensureTopics([...names].map((name) => ({ name, partitions, replicationFactor })));
    } finally {
      await admin.close();
    }
  };

  const closeResources = async (): Promise<void> => {
    await parts.controlReader.stop().catch((error: unknown) => {
      logger.warn({ error: errorMessage(error) }, 'Control reader stop failed');
    });
    // What the writes handed over last goes out (and their sends answer) while the producer still can.
    await parts.batcher.close().catch((error: unknown) => {
      logger.warn({ error: errorMessage(error) }, 'Flushing the last messages failed');
    });
    producerConnected = false;
    await producer.disconnect().catch((error: unknown) => {
      logger.warn({ error: errorMessage(error) }, 'Producer disconnect failed');
    });
    for (const dataSource of parts.ownedDataSources)
      if (dataSource.isInitialized) await dataSource.destroy();
  };

  const startUp = async (): Promise<void> => {
    // The runtime encodes outcomes, dead letters and canonical events: their subjects must be known.
    await registerContractCatalog(serde);
    await ensureTopics();
    for (const dataSource of parts.ownedDataSources) {
      if (!dataSource.isInitialized) await dataSource.initialize();
      await migrateOrRefuse(
        dataSource,
        options.database?.migrate ?? true,
        options.database?.app ?? system,
      );
    }
    await producer.connect();
    producerConnected = true;
    // The operators' orders are known before the first write is consumed.
    await parts.controlReader.start();
    runners = createRunners();
    await Promise.all(runners.map((runner) => runner.start()));
  };

  const start = async (): Promise<void> => {
    if (state !== 'created') throw new Error(`Connector runtime cannot start: it is ${state}`);
    state = 'starting';
    try {
      await startUp();
    } catch (error) {
      // A half-started runtime must not keep consumers or pools open.
      await Promise.all(runners.map((runner) => runner.abort().catch(() => undefined)));
      await closeResources().catch(() => undefined);
      state = 'stopped';
      throw error;
    }
    const polling = read !== undefined && settings.sweepMode === 'primary';
    metrics.pollingTechnicalDebt.set({ system }, polling ? 1 : 0);
    if (polling)
      logger.warn(
        { system, sweepInterval: settings.sweepInterval },
        `${system} has no webhooks: the sweep is the primary source (technical debt: changes arrive up to one interval late)`,
      );
    state = 'running';
    if (read !== undefined && settings.sweepMode !== 'off')
      scheduleSweep(settings.sweepMode === 'primary' ? 0 : settings.sweepInterval);
    reconcile?.startJob();
    logger.info(
      {
        system,
        writeTopics,
        redelivery: parts.pipeline === undefined ? null : topics.redelivery,
        reads: read !== undefined,
      },
      'Connector runtime started',
    );
  };

  const stop = async (): Promise<void> => {
    if (state === 'stopped' || state === 'aborted') return;
    state = 'stopping';
    clearTimeout(sweepTimer);
    await reconcile?.stop();
    await Promise.all(runners.map((runner) => runner.stop()));
    await sweepInFlight?.catch(() => undefined);
    await closeResources();
    state = 'stopped';
  };

  const abort = async (): Promise<void> => {
    if (state === 'stopped' || state === 'aborted') return;
    state = 'aborted';
    aborter.abort(new Error('Connector runtime aborted'));
    clearTimeout(sweepTimer);
    await reconcile?.stop().catch(() => undefined);
    await Promise.all(runners.map((runner) => runner.abort()));
    await closeResources().catch((error: unknown) => {
      logger.warn({ error: errorMessage(error) }, 'Closing after abort failed');
    });
  };

  return {
    start,
    stop,
    abort,
    sweepNow,
    reconcileNow: (level = 'L3', scope) => {
      if (reconcile === undefined)
        return Promise.reject(
          new Error(
            `Reconciliation is off for ${system} (CONNECTOR_RECONCILE=report and a connector with a reconciliation read turn it on)`,
          ),
        );
      return reconcile.runNow(level, aborter.signal, scope);
    },
    ...(reconcile === undefined ? {} : { reconcileOperator: reconcile.operator }),
    readinessChecks: {
      kafka: connectedCheck(
        () => producerConnected && state === 'running',
        'Kafka producer connected',
      ),
      database: pingCheck(() => parts.connectorData.query('SELECT 1')),
      consumers: connectedCheck(
        () => state === 'running' && runners.every((runner) => runner.consuming()),
        'every Kafka consumer in its group',
      ),
    },
    status: () => ({
      system,
      state,
      breaker: gate.state(),
      control: parts.controlReader.controls.of(system),
      writeTopics,
      readsNotifications: read !== undefined,
      sweepMode: settings.sweepMode,
      ...(lastSweep === undefined ? {} : { lastSweep }),
      ...(lastSweepError === undefined ? {} : { lastSweepError }),
      ...(reconcile === undefined ? {} : { lastReconcile: reconcile.lastReports() }),
    }),
  };
}
