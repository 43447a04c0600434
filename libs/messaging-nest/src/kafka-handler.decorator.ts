import { SetMetadata } from '@nestjs/common';
import type { ConsumedMessage, HandlerContext, HubHeaders } from '@hub/messaging';

export const KAFKA_HANDLER_METADATA = 'hub:kafka-handler';

export interface KafkaHandlerOptions<V> {
  /**
   * Narrows the decoded Avro value to the method's type (e.g. a zod schema's parse). It runs
   * while decoding, so a value that does not fit is dead-lettered as undecodable instead of
   * reaching the method.
   */
  readonly parse?: (value: unknown) => V;
}

export interface KafkaHandlerMetadata {
  readonly topic: string;
  readonly parse?: (value: unknown) => unknown;
}

/** The shape a decorated method must have. */
export type KafkaHandlerMethod<V> = (message: ConsumedMessage<V, HubHeaders>, context: HandlerContext) => Promise<void>;

/**
 * Marks a provider method as the handler of one topic, like Nest's `@EventPattern(topic)`.
 * The method resolves only after the message's effect is recorded; throwing means
 * "infrastructure problem, try again" (not committed, retried with backoff), so business
 * failures must be routed by the method itself (retry topic or DLQ) and then resolve.
 */
export function KafkaHandler<V = unknown>(
  topic: string,
  options: KafkaHandlerOptions<V> = {},
): <M extends KafkaHandlerMethod<V>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => void {
  const metadata: KafkaHandlerMetadata = options.parse ? { topic, parse: options.parse } : { topic };
  return (target, key, descriptor) => {
    SetMetadata(KAFKA_HANDLER_METADATA, metadata)(target, key, descriptor);
  };
}
