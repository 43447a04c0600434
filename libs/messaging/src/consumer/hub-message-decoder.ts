import { describeError, isMessagingError, MessagingError } from '../errors/messaging-error';
import { decodeHubHeaders } from '../headers/header-codec';
import type { HubHeaders } from '../headers/hub-headers';
import type { MessageDecoder, RawMessage } from './consumed-message';

/** Anything that decodes Confluent-framed bytes, such as the schema-registry serde. */
export interface ValueDeserializer {
  decode(buffer: Buffer | null, options?: { as?: string }): Promise<unknown>;
}

export interface HubMessageDecoderOptions<V> {
  /** Narrows the decoded Avro value to the handler's type (e.g. a zod schema's parse); throw when it does not fit. */
  readonly parse: (value: unknown, message: RawMessage) => V;
  /** Subject to read each topic's values as (schema evolution); omit to read with the writer's schema. */
  readonly readAs?: (topic: string) => string | undefined;
}

/** Hub headers through the header codec, values through the serde, then `parse`. */
export function hubMessageDecoder<V>(
  deserializer: ValueDeserializer,
  options: HubMessageDecoderOptions<V>,
): MessageDecoder<V, HubHeaders> {
  return {
    headers: (raw) => decodeHubHeaders(raw),
    async value(bytes, message) {
      const subject = options.readAs?.(message.topic);
      const decoded = await deserializer.decode(
        bytes,
        subject === undefined ? {} : { as: subject },
      );
      try {
        return options.parse(decoded, message);
      } catch (error) {
        if (isMessagingError(error)) throw error;
        throw new MessagingError(
          'VALUE_INVALID',
          `Value on ${message.topic} does not fit: ${describeError(error)}`,
          false,
          { cause: error },
        );
      }
    },
  };
}
