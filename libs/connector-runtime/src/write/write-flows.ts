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
  type LagGauge,
  type MessagingLogger,
  type ValueDeserializer,
} from '@hub/messaging';
import {
  arrivalOrderOf,
  deliveryAttempt,
  traceparentHeader,
  withArrivalOrder,
} from '@hub/delivery-protocol';
import {
  canonicalEventDecoder,
  type DecodedCanonical,
  type DeliveryHeaders,
  type RetryHeaderTrust,
} from './canonical-decoder';
import type { Delivery } from './delivery-records';
import type { WritePipeline } from './write-pipeline';
import { inConsumerSpan } from '@hub/observability';
import { withLinkedSignal } from '@hub/primitives';

export interface WriteFlowOptions {
  readonly system: string;
  readonly client: KafkaClient;
  readonly serde: ValueDeserializer;
  readonly pipeline: WritePipeline;
  readonly mainTopics: readonly string[];
  readonly redeliveryTopic: string;
  readonly deadLetterTopic: string;
  readonly concurrency: number;
  /** Keys of one partition written at once (CONNECTOR_KEY_CONCURRENCY); each key stays in order. */
  readonly keyConcurrency: number;
  readonly logger: MessagingLogger;
  /** Aborted by the runtime's abort(); combined with the runner's own signal. */
  readonly runtimeSignal: AbortSignal;
  readonly lagGauge?: LagGauge;
}

/**
 * A first delivery (canonical topic) is stamped with its arrival order, its offset there; a
 * redelivery keeps the one stamped at its first delivery, whatever topic it comes from now.
 */
export function toDelivery(
  message: ConsumedMessage<DecodedCanonical, DeliveryHeaders>,
  from: RetryHeaderTrust = 'redelivery-topic',
): Delivery {
  const first = from === 'canonical-topic';
  return {
    event: message.value.event,
    message: {
      key: message.key,
      value: message.value.bytes,
      rawHeaders: first ? withArrivalOrder(message.rawHeaders, message.offset) : message.rawHeaders,
    },
    consumedFrom: { topic: message.topic, partition: message.partition, offset: message.offset },
    retry: message.headers.retry,
    arrivalOrder: first ? Number(message.offset) : arrivalOrderOf(message.rawHeaders),
  };
}

export function createWriteFlows(options: WriteFlowOptions): ConsumerRunner[] {
  const flow = (
    groupId: string,
    topics: readonly string[],
    from: RetryHeaderTrust,
  ): ConsumerRunner =>
    createConsumerRunner(client, {
      groupId,
      topics,
      concurrency: options.concurrency,
      keyConcurrency: options.keyConcurrency,
      decode: canonicalEventDecoder(options.serde, from),
      deadLetter: { topic: options.deadLetterTopic },
      logger: options.logger,
      lagGauge: options.lagGauge,
      handler: async (message, { signal }) => {
        const delivery = toDelivery(message, from);
        const { event } = delivery;
        if (message.headers.ignoredRetryHeaders)
          options.logger.warn(
            { correlationId: event.correlationId, topic: message.topic, offset: message.offset },
            'Retry headers on a canonical topic ignored: only redelivery topics carry retry state',
          );
        // One consumer span per delivery, child of the producer's context the message carries
        // (the ingress's publish, the scheduler's redelivery): the event's trace continues.
        await inConsumerSpan(
          'connector.consume',
          {
            traceparent: traceparentHeader(message.rawHeaders),
            attributes: {
              'messaging.system': 'kafka',
              'messaging.destination.name': message.topic,
              'messaging.kafka.offset': Number(message.offset),
              'hub.target': options.system,
              'hub.correlation_id': event.correlationId,
              'hub.entity_type': event.entityType,
              'hub.attempt': deliveryAttempt(delivery.retry),
            },
            // Every line logged for this event, the adapter's included, names it (and its trace).
            logContext: {
              correlationId: event.correlationId,
              entityType: event.entityType,
              entityKey: event.entityKey,
              target: options.system,
            },
          },
          () =>
            withLinkedSignal([signal, options.runtimeSignal], (stopped) =>
              options.pipeline.handle(delivery, stopped),
            ),
        );
      },
    });
  const { client, system } = options;
  const runners = [
    flow(`connector-${system}-redelivery`, [options.redeliveryTopic], 'redelivery-topic'),
  ];
  if (options.mainTopics.length > 0)
    runners.unshift(flow(`connector-${system}`, options.mainTopics, 'canonical-topic'));
  return runners;
}
