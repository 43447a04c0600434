/**
 * Dead-letter records: built the same way by a connector (permanent failure) and by the
 * retry scheduler (retries exhausted), read back by the DLQ reviewer.
 */
import {
  canonicalTopics,
  topics,
  type DeadLetter,
  type DeadLetterEvent,
  type DeadLetterReason,
  type DeliveryAttempt,
  type EventEnvelope,
  type EventIdentity,
} from '@hub/contracts';
import type { AttemptRecord, OutgoingMessage, RawHeaders } from '@hub/messaging';
import { envelopeAboutEvent, headersAbout } from './envelope-headers';
import type { RetryContext } from './retry-context';

export interface DeadLetterInput {
  /** The envelope of the event that could not be delivered (decoded from its value). */
  readonly envelope: EventEnvelope;
  readonly target: string;
  readonly reason: DeadLetterReason;
  /** Its failure history, the last failure included. */
  readonly context: RetryContext;
  /** The message value byte for byte, and its headers. */
  readonly value: Buffer;
  readonly rawHeaders: RawHeaders;
  /** Where it was consumed; defaults to the entity type's canonical topic. */
  readonly consumedFrom?: {
    readonly topic: string;
    readonly partition?: number;
    readonly offset?: string;
  };
}

export function deadLetterEvent(input: DeadLetterInput, identity: EventIdentity): DeadLetterEvent {
  const { envelope, consumedFrom } = input;
  const payload: DeadLetter = {
    target: input.target,
    reason: input.reason,
    originalTopic: consumedFrom?.topic ?? canonicalTopics[envelope.entityType],
    originalPartition: consumedFrom?.partition ?? null,
    originalOffset: consumedFrom?.offset === undefined ? null : Number(consumedFrom.offset),
    originalEventId: envelope.eventId,
    originalValue: input.value,
    originalHeaders: { ...input.rawHeaders },
    firstFailureAt: input.context.firstFailureAt,
    attempts: input.context.history.map(toDeliveryAttempt),
  };
  return { ...envelopeAboutEvent(envelope, identity), payload };
}

/** The dead letter onto `hub.dead-letter.v1`, keyed by entity key; `value` is the encoded event. */
export function deadLetterMessage(event: DeadLetterEvent, value: Buffer): OutgoingMessage {
  return {
    topic: topics.deadLetter,
    key: event.entityKey,
    value,
    headers: headersAbout(event, event.payload.target),
  };
}

/**
 * The retry context a dead letter's history amounts to: what a manual retry carries, so
 * the next failure appends to the same history.
 */
export function retryContextOfDeadLetter(deadLetter: DeadLetter): RetryContext {
  return {
    target: deadLetter.target,
    attempts: deadLetter.attempts.length,
    firstFailureAt: deadLetter.firstFailureAt,
    history: deadLetter.attempts.map(toAttemptRecord),
  };
}

function toDeliveryAttempt(record: AttemptRecord): DeliveryAttempt {
  return {
    attempt: Math.max(1, record.attempt),
    failedAt: record.at,
    failure: {
      code: record.code ?? 'UNKNOWN',
      errorClass: record.errorClass === 'permanent' ? 'permanent' : 'transient',
      message: record.error,
      httpStatus: record.httpStatus ?? null,
    },
  };
}

function toAttemptRecord(attempt: DeliveryAttempt): AttemptRecord {
  return {
    attempt: attempt.attempt,
    at: attempt.failedAt,
    error: attempt.failure.message,
    errorClass: attempt.failure.errorClass,
    code: attempt.failure.code,
    ...(attempt.failure.httpStatus === null ? {} : { httpStatus: attempt.failure.httpStatus }),
  };
}
