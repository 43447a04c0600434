import { describeError } from '../errors/messaging-error';
import type { OutgoingMessage } from '../producer/outgoing-message';
import type { RawMessage } from './consumed-message';

/** Headers the runner adds to an undecodable message it dead-letters (the original headers are kept too). */
export const deadLetterHeaderNames = {
  reason: 'hub-dlq-reason',
  originalTopic: 'hub-dlq-original-topic',
  originalPartition: 'hub-dlq-original-partition',
  originalOffset: 'hub-dlq-original-offset',
  originalTimestamp: 'hub-dlq-original-timestamp',
  consumerGroup: 'hub-dlq-consumer-group',
  errorCode: 'hub-dlq-error-code',
  errorMessage: 'hub-dlq-error-message',
  deadLetteredAt: 'hub-dlq-dead-lettered-at',
} as const;

/** The only reason the runner itself dead-letters; handlers route their own failures. */
export const UNDECODABLE_REASON = 'undecodable';

// Keeps a pathological error text from making the DLQ record larger than the message.
const MAX_ERROR_MESSAGE_LENGTH = 2_000;

/** The stable code of an error: a `code` string it carries, else UNDECODABLE. */
export function errorCodeOf(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string'
  )
    return error.code;
  return 'UNDECODABLE';
}

/** The DLQ record for a message that could not be decoded: its raw key, value and headers, plus where and why. */
export function deadLetterMessage(
  raw: RawMessage,
  error: unknown,
  context: { topic: string; groupId: string; now: number },
): OutgoingMessage {
  const names = deadLetterHeaderNames;
  return {
    topic: context.topic,
    key: raw.key,
    value: raw.value,
    headers: {
      ...raw.headers,
      [names.reason]: UNDECODABLE_REASON,
      [names.originalTopic]: raw.topic,
      [names.originalPartition]: String(raw.partition),
      [names.originalOffset]: raw.offset,
      [names.originalTimestamp]: raw.timestamp,
      [names.consumerGroup]: context.groupId,
      [names.errorCode]: errorCodeOf(error),
      [names.errorMessage]: describeError(error).slice(0, MAX_ERROR_MESSAGE_LENGTH),
      [names.deadLetteredAt]: String(context.now),
    },
  };
}
