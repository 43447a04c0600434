/** The Kafka side: topics and the two consumer groups shared by all replicas. */
import {
  redeliveryTopic,
  retryTopic,
  targetControlTopic,
  topics,
  type DeliveryOutcomeEvent,
} from '@hub/contracts';
import {
  bookkeepingFetch,
  createConsumerRunner,
  createTopicAdmin,
  type ConsumerRunner,
  type KafkaClient,
  type LagGauge,
  type RawHeaders,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import { outcomeDecoder, type OutcomeIntake } from '../breaker/outcome-intake';
import { retryMessageDecoder, type RetryIntake } from '../scheduling/retry-intake';
import type { RetrySchedulerConfig } from './retry-scheduler.config';

/** Every topic the scheduler reads or writes: the topics plan (`npm run topics`) creates them. */
export function schedulerTopics(targets: readonly string[]): string[] {
  return [
    ...targets.flatMap((target) => [retryTopic(target), redeliveryTopic(target)]),
    topics.deliveryOutcome,
    topics.deadLetter,
    targetControlTopic,
  ];
}

/**
 * The scheduler creates no topics at start-up: a consumer of a missing topic fails (kafkajs
 * UNKNOWN_TOPIC_OR_PARTITION) and this says which topics it needs and the command that makes them.
 */
export function missingTopicError(error: unknown, targets: readonly string[]): unknown {
  const type = (error as { type?: unknown } | null)?.type;
  if (type !== 'UNKNOWN_TOPIC_OR_PARTITION') return error;
  return new Error(
    `retry-scheduler: a topic it uses does not exist (it needs ${schedulerTopics(targets).join(', ')}); ` +
      'it creates none at start-up: create them with `npm run topics` (`node topics.js` in the deploy-tools image; the hub-topics Job or Strimzi KafkaTopics on Kubernetes)',
    { cause: error },
  );
}

/** Test seam only (tests on a throwaway broker): creates the topics the scheduler uses. */
export async function ensureSchedulerTopics(
  client: KafkaClient,
  config: RetrySchedulerConfig,
  targets: readonly string[],
): Promise<void> {
  const admin = createTopicAdmin(client);
  try {
    await admin.ensureTopics(
      schedulerTopics(targets).map((name) => ({
        name,
        partitions: config.topicPartitions,
        replicationFactor: config.topicReplication,
      })),
    );
  } finally {
    await admin.close();
  }
}

export function retryConsumer(
  client: KafkaClient,
  config: RetrySchedulerConfig,
  targets: readonly string[],
  intake: RetryIntake,
  lagGauge: LagGauge,
): ConsumerRunner {
  return createConsumerRunner<Buffer, ReturnType<typeof retryMessageDecoder.headers>>(client, {
    groupId: `${config.groupId}.retries`,
    topics: targets.map((target) => retryTopic(target)),
    concurrency: 3,
    decode: retryMessageDecoder,
    deadLetter: { topic: topics.deadLetter },
    handleBatch: intake.handleBatch,
    commitEvery: { messages: 100, ms: 200 },
    lagGauge,
  });
}

export function outcomeConsumer(
  client: KafkaClient,
  config: RetrySchedulerConfig,
  serde: SchemaRegistrySerde,
  intake: OutcomeIntake,
  lagGauge: LagGauge,
): ConsumerRunner {
  return createConsumerRunner<DeliveryOutcomeEvent, RawHeaders>(client, {
    groupId: `${config.groupId}.outcomes`,
    topics: [topics.deliveryOutcome],
    concurrency: 3,
    decode: outcomeDecoder(serde),
    deadLetter: { topic: topics.deadLetter },
    handleBatch: intake.handleBatch,
    commitEvery: { messages: 100, ms: 200 },
    // Outcomes are read in slices (a transaction each), not one fetch and one transaction per
    // outcome at low rates; the wait is half the bookkeeping one because the breaker learns
    // from these: it opens, and sees a probe's answer, at most a second later.
    fetch: { ...bookkeepingFetch, maxWaitMs: 1_000 },
    lagGauge,
  });
}
