import { setMaxListeners } from 'node:events';
import type { Consumer, ConsumerRunConfig } from 'kafkajs';
import { kafkaOf, type KafkaClient } from '../client/create-kafka-client';
import { MessagingError } from '../errors/messaging-error';
import { createProducer } from '../producer/producer';
import type {
  ConsumerRunner,
  ConsumerRunnerOptions,
  TopicPartitions,
} from './consumer-runner-options';
import { createCrashRestarter } from './crash-restart';
import { deadLetterMessage } from './dead-letter';
import { defaultFetch, type FetchPolicy } from './fetch-policy';
import { LagReporter } from './lag-reporter';
import { processPartitionBatch, type BatchDeps, type Handling } from './partition-batch';
import { PendingCommits } from './pending-commits';
import { defaultHandlerRetryPolicy, handlerRetryDelay } from './retry-delay';

type State = 'new' | 'starting' | 'running' | 'stopping' | 'stopped';

/**
 * A consumer group member that hands each message, decoded, to one handler and commits
 * only what the handler finished: at-least-once, per-partition order, partitions in parallel.
 */
/**
 * A process killed with -9 stays a group member until the broker has not heard from it for
 * this long, and its replacement cannot join before that: 10 s keeps a restarted app ready
 * within about 15 s. Handlers heartbeat while they run, so a slow write does not end the
 * session; the broker's group.min.session.timeout.ms (6 s by default) is the floor.
 */
export const defaultSessionTimeoutMs = 10_000;

export { defaultFetchMaxWaitMs } from './fetch-policy';

function handlingOf<V, H>(options: ConsumerRunnerOptions<V, H>): Handling<V, H> {
  if (options.handleBatch !== undefined) return { kind: 'batch', handleBatch: options.handleBatch };
  const keyConcurrency = options.keyConcurrency ?? 1;
  if (!Number.isInteger(keyConcurrency) || keyConcurrency < 1)
    throw new MessagingError(
      'CONSUMER_OPTIONS',
      `keyConcurrency must be a whole number of at least 1, got ${String(keyConcurrency)}`,
      false,
    );
  return { kind: 'each', handler: options.handler, keyConcurrency };
}

/** The options' fetch over the default; a wait the session would not survive is refused. */
function fetchPolicyOf<V, H>(
  options: ConsumerRunnerOptions<V, H>,
  sessionTimeoutMs: number,
): FetchPolicy {
  const minBytes = options.fetch?.minBytes ?? defaultFetch.minBytes;
  const maxWaitMs = options.fetch?.maxWaitMs ?? defaultFetch.maxWaitMs;
  if (!Number.isInteger(minBytes) || minBytes < 1)
    throw new MessagingError(
      'CONSUMER_OPTIONS',
      `fetch.minBytes must be a whole number of at least 1, got ${String(minBytes)}`,
      false,
    );
  if (!Number.isInteger(maxWaitMs) || maxWaitMs < 0 || maxWaitMs >= sessionTimeoutMs)
    throw new MessagingError(
      'CONSUMER_OPTIONS',
      `fetch.maxWaitMs must be a whole number from 0 to below the session timeout (${String(sessionTimeoutMs)} ms), got ${String(maxWaitMs)}`,
      false,
    );
  return { minBytes, maxWaitMs };
}

export function createConsumerRunner<V, H>(
  client: KafkaClient,
  options: ConsumerRunnerOptions<V, H>,
): ConsumerRunner {
  const kafka = kafkaOf(client);
  const logger = options.logger ?? client.logger;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 3_000;
  const sessionTimeoutMs = options.sessionTimeoutMs ?? defaultSessionTimeoutMs;
  const fetch = fetchPolicyOf(options, sessionTimeoutMs);
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: sessionTimeoutMs,
    heartbeatInterval: heartbeatIntervalMs,
    minBytes: fetch.minBytes,
    maxWaitTimeInMs: fetch.maxWaitMs,
    allowAutoTopicCreation: false,
  });
  const deadLetterProducer = createProducer(client);
  const aborter = new AbortController();
  // Every message in flight (keys at once, across partitions) waits on this one signal, each
  // listener removed when its wait ends: more than Node's default of 10 is expected, not a leak.
  setMaxListeners(0, aborter.signal);
  let state: State = 'new';
  let crashed = false;
  const lag = new LagReporter(options.lagGauge, options.groupId);
  const commitPolicy = {
    messages: options.commitEvery?.messages ?? 100,
    ms: options.commitEvery?.ms ?? 1_000,
  };
  const commits = new PendingCommits({
    policy: commitPolicy,
    commitOutsideBatch: (offsets) => consumer.commitOffsets([...offsets]),
    logger,
    groupId: options.groupId,
    signal: aborter.signal,
  });

  const deps: BatchDeps<V, H> = {
    handling: handlingOf(options),
    decode: options.decode,
    deadLetter: async (raw, error) => {
      await deadLetterProducer.send([
        deadLetterMessage(raw, error, {
          topic: options.deadLetter.topic,
          groupId: options.groupId,
          now: Date.now(),
        }),
      ]);
    },
    retryPolicy: { ...defaultHandlerRetryPolicy, ...options.handlerRetry },
    sliceMessages: commitPolicy.messages,
    commits,
    heartbeatIntervalMs,
    logger,
    random: options.random ?? Math.random,
    signal: aborter.signal,
    isPaused: (topic, partition) =>
      consumer
        .paused()
        .some((paused) => paused.topic === topic && paused.partitions.includes(partition)),
    lag,
  };
  const runConfig: ConsumerRunConfig = {
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.concurrency ?? 1,
    eachBatch: (payload) => processPartitionBatch(payload, deps),
  };
  const wanted = (): boolean => state === 'starting' || state === 'running';
  const restarter = createCrashRestarter({
    restart: async () => {
      await consumer.connect();
      if (wanted()) await consumer.run(runConfig);
    },
    wanted,
    delayMs: (attempt) =>
      handlerRetryDelay(attempt, { initialMs: 1_000, maxMs: 30_000 }, deps.random),
    onScheduled: (attempt, delayMs) => {
      logger.warn(
        { groupId: options.groupId, attempt, delayMs },
        'Kafka consumer not restarted by kafkajs; restarting it',
      );
    },
    onFailed: (error, attempt) => {
      logger.error(
        { groupId: options.groupId, attempt, err: error },
        'Kafka consumer restart failed',
      );
    },
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    logger.error(
      { groupId: options.groupId, err: payload.error, restart: payload.restart },
      'Kafka consumer crashed',
    );
    crashed = true;
    restarter.crashed(payload.restart);
  });
  // Before kafkajs rejoins: the broker still takes this generation's commits while the group
  // prepares to rebalance, so what was handled stays handled wherever the partition goes.
  consumer.on(consumer.events.REBALANCING, () => {
    void commits.flush();
  });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const assignment = payload.memberAssignment;
    commits.rejoined((topic, partition) => assignment[topic]?.includes(partition) === true);
    lag.assigned(assignment);
    crashed = false;
    restarter.joined();
  });

  const expectRunning = (action: string): void => {
    if (state !== 'running')
      throw new MessagingError(
        'CONSUMER_STATE',
        `Cannot ${action} a runner that is ${state}`,
        false,
      );
  };
  const shutDown = async (): Promise<void> => {
    if (state === 'stopped' || state === 'stopping') return;
    state = 'stopping';
    try {
      commits.commitEveryBatch();
      await commits.flush();
      await restarter.stop();
      await consumer.disconnect();
    } finally {
      commits.close();
      await deadLetterProducer.disconnect();
      lag.clear();
      state = 'stopped';
    }
  };
  const toKafka = (
    partitions: readonly TopicPartitions[],
  ): { topic: string; partitions?: number[] }[] =>
    partitions.map(({ topic, partitions: list }) =>
      list ? { topic, partitions: [...list] } : { topic },
    );

  return {
    async start() {
      if (state !== 'new')
        throw new MessagingError('CONSUMER_STATE', `Cannot start a runner that is ${state}`, false);
      state = 'starting';
      await deadLetterProducer.connect();
      await consumer.connect();
      await consumer.subscribe({
        topics: [...options.topics],
        fromBeginning: options.fromBeginning ?? true,
      });
      await consumer.run(runConfig);
      state = 'running';
    },
    stop: shutDown,
    async abort() {
      aborter.abort();
      await shutDown();
    },
    pause(partitions) {
      expectRunning('pause');
      consumer.pause(toKafka(partitions));
    },
    resume(partitions) {
      expectRunning('resume');
      consumer.resume(toKafka(partitions));
    },
    consuming() {
      return state === 'running' && !crashed;
    },
    paused() {
      return consumer
        .paused()
        .map(({ topic, partitions }) => ({ topic, partitions: [...partitions] }));
    },
  };
}
