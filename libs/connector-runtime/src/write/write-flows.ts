/**
 * The two consumers of the write side: the main flow on the canonical topics the system
 * receives, and the redelivery flow on its own topic, each with its own runner so a
 * backlog of retries never stalls fresh events. Both hand every message to one pipeline.
 */
import {
  createConsumerRunner,
  type ConsumedMessage,
  type ConsumerRunner,
  type KafkaClient,
  type MessagingLogger,
  type ValueDeserializer,
} from '@hub/messaging';
import {
  canonicalEventDecoder,
  type DecodedCanonical,
  type DeliveryHeaders,
} from './canonical-decoder';
import type { Delivery } from './delivery-records';
import type { WritePipeline } from './write-pipeline';
import { withLogContext } from '@hub/observability';

export interface WriteFlowOptions {
  readonly system: string;
  readonly client: KafkaClient;
  readonly serde: ValueDeserializer;
  readonly pipeline: WritePipeline;
  readonly mainTopics: readonly string[];
  readonly redeliveryTopic: string;
  readonly deadLetterTopic: string;
  readonly concurrency: number;
  readonly logger: MessagingLogger;
  /** Aborted by the runtime's abort(); combined with the runner's own signal. */
  readonly runtimeSignal: AbortSignal;
}

export function toDelivery(message: ConsumedMessage<DecodedCanonical, DeliveryHeaders>): Delivery {
  return {
    event: message.value.event,
    message: {
      key: message.key,
      value: message.value.bytes,
      rawHeaders: message.rawHeaders,
    },
    consumedFrom: { topic: message.topic, partition: message.partition, offset: message.offset },
    retry: message.headers.retry,
  };
}

export function createWriteFlows(options: WriteFlowOptions): ConsumerRunner[] {
  const flow = (groupId: string, topics: readonly string[]): ConsumerRunner =>
    createConsumerRunner(client, {
      groupId,
      topics,
      concurrency: options.concurrency,
      decode: canonicalEventDecoder(options.serde),
      deadLetter: { topic: options.deadLetterTopic },
      logger: options.logger,
      handler: async (message, { signal }) => {
        const delivery = toDelivery(message);
        const { event } = delivery;
        // Every line logged for this event, the adapter's included, names it.
        await withLogContext(
          {
            correlationId: event.correlationId,
            entityType: event.entityType,
            entityKey: event.entityKey,
            target: options.system,
          },
          () => options.pipeline.handle(delivery, AbortSignal.any([signal, options.runtimeSignal])),
        );
      },
    });
  const { client, system } = options;
  const runners = [flow(`connector-${system}-redelivery`, [options.redeliveryTopic])];
  if (options.mainTopics.length > 0)
    runners.unshift(flow(`connector-${system}`, options.mainTopics));
  return runners;
}
