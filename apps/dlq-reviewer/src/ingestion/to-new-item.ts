/** What a DLQ message becomes in the store: a decoded dead letter, or a raw one kept byte for byte. */
import type { DeadLetterEvent } from '@hub/contracts';
import { deadLetterHeaderNames, hubHeaderNames, type RawHeaders } from '@hub/messaging';
import { UNDECODABLE, type AttemptView, type NewItem } from '../store/item-types';

export interface DlqPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** The DLQ message's timestamp, epoch milliseconds as text. */
  readonly timestamp: string;
}

export function itemFromDeadLetter(
  event: DeadLetterEvent,
  headers: RawHeaders,
  position: DlqPosition,
): NewItem {
  const dead = event.payload;
  const attempts: AttemptView[] = dead.attempts.map((attempt) => ({
    attempt: attempt.attempt,
    at: attempt.failedAt,
    errorClass: attempt.failure.errorClass,
    code: attempt.failure.code,
    message: attempt.failure.message,
    httpStatus: attempt.failure.httpStatus,
    via: 'dead-letter',
  }));
  const last = attempts.at(-1);
  return {
    dedupKey: event.eventId,
    reason: dead.reason,
    target: dead.target,
    entityType: event.entityType,
    entityKey: event.entityKey,
    correlationId: event.correlationId,
    sourceSystem: event.sourceSystem,
    sourceVersion: event.sourceVersion,
    deadLetterEventId: event.eventId,
    originalTopic: dead.originalTopic,
    originalPartition: dead.originalPartition,
    originalOffset: dead.originalOffset,
    originalEventId: dead.originalEventId,
    originalValue: dead.originalValue,
    originalHeaders: dead.originalHeaders,
    messageKey: position.key,
    dlqHeaders: { ...headers },
    attempts,
    errorClass: last?.errorClass ?? null,
    errorCode: last?.code ?? null,
    errorMessage: last?.message ?? dead.reason,
    firstFailureAt: dead.firstFailureAt,
    lastFailureAt: last?.at ?? dead.firstFailureAt,
    deadLetteredAt: event.publishedAt,
  };
}

const dlqHeaderNames: readonly string[] = Object.values(deadLetterHeaderNames);

function integerOrNull(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return null;
  return Number(text);
}

/** A message that is not a decodable DeadLetterEvent: stored with its raw bytes and headers. */
export function itemFromRawMessage(
  value: Buffer | null,
  headers: RawHeaders,
  position: DlqPosition,
  decodeFailure: { readonly errorCode: string; readonly errorMessage: string },
  now: number,
): NewItem {
  const original: Record<string, string> = {};
  const dlq: Record<string, string> = {};
  for (const [name, text] of Object.entries(headers))
    (dlqHeaderNames.includes(name) ? dlq : original)[name] = text;
  const names = deadLetterHeaderNames;
  const deadLetteredAt =
    integerOrNull(dlq[names.deadLetteredAt]) ?? integerOrNull(position.timestamp) ?? now;
  return {
    dedupKey: `raw:${position.topic}/${String(position.partition)}/${position.offset}`,
    reason: UNDECODABLE,
    target: null,
    entityType: original[hubHeaderNames.entityType] ?? null,
    entityKey: original[hubHeaderNames.entityKey] ?? position.key,
    correlationId: original[hubHeaderNames.correlationId] ?? null,
    sourceSystem: original[hubHeaderNames.sourceSystem] ?? null,
    sourceVersion: integerOrNull(original[hubHeaderNames.sourceVersion]),
    deadLetterEventId: null,
    originalTopic: dlq[names.originalTopic] ?? null,
    originalPartition: integerOrNull(dlq[names.originalPartition]),
    originalOffset: integerOrNull(dlq[names.originalOffset]),
    originalEventId: original[hubHeaderNames.eventId] ?? null,
    originalValue: value,
    originalHeaders: original,
    messageKey: position.key,
    dlqHeaders: dlq,
    attempts: [],
    errorClass: null,
    errorCode: dlq[names.errorCode] ?? decodeFailure.errorCode,
    errorMessage: dlq[names.errorMessage] ?? decodeFailure.errorMessage,
    firstFailureAt: null,
    lastFailureAt: null,
    deadLetteredAt,
  };
}
