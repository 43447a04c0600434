/** The Kafka side: topics and the two consumer groups shared by all replicas. */
import { redeliveryTopic, retryTopic, topics, type DeliveryOutcomeEvent } from '@hub/contracts';
import {
  createConsumerRunner,
  createTopicAdmin,
  type ConsumerRunner,
  type KafkaClient,
  type RawHeaders,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import { outcomeDecoder, type OutcomeIntake } from '../breaker/outcome-intake';
import { retryMessageDecoder, type RetryIntake } from '../scheduling/retry-intake';
import type { RetrySchedulerConfig } from './retry-scheduler.config';

export async function ensureSchedulerTopics(
  client: KafkaClient,
  config: RetrySchedulerConfig,
  targets: readonly string[],
): Promise<void> {
  const admin = createTopicAdmin(client);
  try {
    const names = [
      ...targets.flatMap((target) => [retryTopic(target), redeliveryTopic(target)]),
      topics.deliveryOutcome,
      topics.deadLetter,
    ];
    await admin.ensureTopics(
      names.map((name) => ({
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
): ConsumerRunner {
  return createConsumerRunner<Buffer, ReturnType<typeof retryMessageDecoder.headers>>(client, {
    groupId: `${config.groupId}.retries`,
    topics: targets.map((target) => retryTopic(target)),
    concurrency: 3,
    decode: retryMessageDecoder,
    deadLetter: { topic: topics.deadLetter },
    handler: intake.handle,
    maxWaitTimeMs: 50,
    commitEvery: { messages: 100, ms: 200 },
  });
}

export function outcomeConsumer(
  client: KafkaClient,
  config: RetrySchedulerConfig,
  serde: SchemaRegistrySerde,
  intake: OutcomeIntake,
): ConsumerRunner {
  return createConsumerRunner<DeliveryOutcomeEvent, RawHeaders>(client, {
    groupId: `${config.groupId}.outcomes`,
    topics: [topics.deliveryOutcome],
    concurrency: 3,
    decode: outcomeDecoder(serde),
    deadLetter: { topic: topics.deadLetter },
    handler: intake.handle,
    maxWaitTimeMs: 50,
    commitEvery: { messages: 100, ms: 200 },
  });
}
