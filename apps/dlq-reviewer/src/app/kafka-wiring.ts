/** The Kafka side: the producer (for redeliveries) and the two consumer runners. */
import type { DeliveryOutcomeEvent } from '@hub/contracts';
import {
  bookkeepingFetch,
  createConsumerRunner,
  createProducer,
  type ConsumerRunner,
  type KafkaClient,
  type BatchHandler,
  type MessageHandler,
  type Producer,
  type RawHeaders,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import type { Logger } from '@hub/observability';
import { dlqDecoder, type DlqValue } from '../ingestion/dlq-decoder';
import { outcomeDecoder } from '../ingestion/outcome-following';
import type { DlqReviewerConfig } from './dlq-reviewer.config';

export function redeliveryProducer(client: KafkaClient): Producer {
  return createProducer(client, { retries: 3 });
}

export interface Runners {
  readonly deadLetters: ConsumerRunner;
  readonly outcomes: ConsumerRunner;
}

export function consumerRunners(
  client: KafkaClient,
  config: DlqReviewerConfig,
  serde: SchemaRegistrySerde,
  handlers: {
    readonly deadLetter: MessageHandler<DlqValue, RawHeaders>;
    readonly outcome: BatchHandler<DeliveryOutcomeEvent, RawHeaders>;
  },
  logger: Logger,
): Runners {
  const common = { deadLetter: { topic: config.deadLetterTopic }, logger };
  return {
    deadLetters: createConsumerRunner(client, {
      ...common,
      groupId: config.consumerGroup,
      topics: [config.deadLetterTopic],
      decode: dlqDecoder(serde),
      handler: handlers.deadLetter,
    }),
    outcomes: createConsumerRunner(client, {
      ...common,
      groupId: `${config.consumerGroup}-outcomes`,
      topics: [config.outcomeTopic],
      decode: outcomeDecoder(serde),
      handleBatch: handlers.outcome,
      // No one waits on it: an item resolves in the console up to 2 s after its outcome.
      fetch: bookkeepingFetch,
    }),
  };
}
