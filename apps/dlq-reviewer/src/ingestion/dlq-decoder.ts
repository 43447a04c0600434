/**
 * Decodes a message of the dead-letter topic without ever throwing for bad data: the
 * runner would dead-letter an undecodable message onto this same topic. A DeadLetterEvent
 * is read as the registered dead-letter subject; anything else (the runner's raw dead
 * letters with hub-dlq-* headers, foreign bytes) becomes a raw value. Only a retriable
 * failure (registry down) is thrown, so the runner tries again.
 */
import { topics, valueSubject, type DeadLetterEvent } from '@hub/contracts';
import {
  deadLetterHeaderNames,
  isMessagingError,
  type MessageDecoder,
  type RawHeaders,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import { errorMessage } from '@hub/resilience';

export type DlqValue =
  | { readonly kind: 'dead-letter'; readonly event: DeadLetterEvent }
  | {
      readonly kind: 'raw';
      readonly bytes: Buffer | null;
      readonly errorCode: string;
      readonly errorMessage: string;
    };

export function dlqDecoder(serde: SchemaRegistrySerde): MessageDecoder<DlqValue, RawHeaders> {
  return {
    headers: (raw) => raw,
    async value(bytes, message) {
      if (message.headers[deadLetterHeaderNames.reason] !== undefined)
        return {
          kind: 'raw',
          bytes,
          errorCode: 'UNDECODABLE',
          errorMessage: 'dead-lettered undecoded',
        };
      try {
        const decoded = await serde.decode(bytes, { as: valueSubject(topics.deadLetter) });
        if (!isDeadLetterEvent(decoded)) throw new Error('not a DeadLetterEvent');
        return { kind: 'dead-letter', event: decoded };
      } catch (error) {
        if (isMessagingError(error) && error.retriable) throw error;
        return { kind: 'raw', bytes, errorCode: codeOf(error), errorMessage: errorMessage(error) };
      }
    },
  };
}

function isDeadLetterEvent(value: unknown): value is DeadLetterEvent {
  if (typeof value !== 'object' || value === null || !('payload' in value)) return false;
  const payload = value.payload;
  return (
    typeof payload === 'object' &&
    payload !== null &&
    'originalValue' in payload &&
    Buffer.isBuffer(payload.originalValue)
  );
}

function codeOf(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string'
  )
    return error.code;
  return 'NOT_A_DEAD_LETTER';
}
