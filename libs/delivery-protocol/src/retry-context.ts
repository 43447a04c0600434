/**
 * The failure history a retried write carries in its Kafka headers, from the connector
 * that saw the first failure, through the retry scheduler, back to the connector and on
 * into the dead-letter record. One definition, so every app reads the same facts.
 */
import { HubError } from '@hub/primitives';
import {
  decodeHubHeaders,
  hubHeaderNames,
  type AttemptRecord,
  type RawHeaders,
} from '@hub/messaging';
import type { ErrorRecord } from '@hub/resilience';

/** Not a hub header of @hub/messaging: only the retry protocol uses it. */
export const notBeforeHeader = 'hub-not-before';

/**
 * Marks a retry an operator asked for (the DLQ reviewer), valued with an id unique to that
 * request. The retry scheduler makes it due at once and outside the retry budget, but
 * still holds it behind the target's breaker and drain rate. It lives only on the retry
 * topic: retryHeaders drops it, so the redelivery and any later failure are plain retries.
 */
export const operatorRetryHeader = 'hub-operator-retry';

/** The operator retry id a consumed retry message carries, or undefined for an automatic retry. */
export function readOperatorRetry(raw: RawHeaders): string | undefined {
  const id = raw[operatorRetryHeader];
  if (id === undefined) return undefined;
  if (id.trim() === '' || id.length > 200)
    throw new RetryProtocolError(
      `Header ${operatorRetryHeader} must be a non-empty id of at most 200 characters`,
    );
  return id;
}

export interface RetryContext {
  /** The system the write is for. */
  readonly target: string;
  /** Failed attempts so far (1 after the first failure). */
  readonly attempts: number;
  /** Epoch milliseconds of the first failure: the retry budget counts from here. */
  readonly firstFailureAt: number;
  /** Epoch milliseconds before which the target asked not to be called again (Retry-After). */
  readonly notBefore?: number;
  /** Every failed attempt, oldest first. */
  readonly history: readonly AttemptRecord[];
}

/**
 * The retry context of a consumed message, or undefined for a first delivery (no attempt
 * header). Throws MessagingError HEADER_INVALID/HEADER_MISSING when the headers are corrupt.
 */
export function readRetryContext(raw: RawHeaders): RetryContext | undefined {
  const headers = decodeHubHeaders(raw);
  if (headers.attempt === undefined) return undefined;
  const target = headers.target;
  const firstFailureAt = headers.firstFailureAt;
  if (target === undefined || firstFailureAt === undefined) {
    throw new RetryProtocolError(
      `A retried message needs ${hubHeaderNames.target} and ${hubHeaderNames.firstFailureAt} next to ${hubHeaderNames.attempt}`,
    );
  }
  const notBeforeText = raw[notBeforeHeader];
  const notBefore = notBeforeText === undefined ? undefined : Number(notBeforeText);
  if (notBefore !== undefined && !Number.isSafeInteger(notBefore)) {
    throw new RetryProtocolError(
      `Header ${notBeforeHeader} must be epoch milliseconds, got "${String(notBeforeText)}"`,
    );
  }
  return {
    target,
    attempts: headers.attempt,
    firstFailureAt,
    ...(notBefore === undefined ? {} : { notBefore }),
    history: headers.history ?? [],
  };
}

export interface FailureFacts {
  readonly failure: ErrorRecord;
  /** Epoch milliseconds of the failure. */
  readonly at: number;
  /** From the target's Retry-After, when it sent one. */
  readonly retryAfterMs?: number;
}

/** The context after one more failed attempt: counted, appended to the history. */
export function recordFailure(
  previous: RetryContext | undefined,
  target: string,
  { failure, at, retryAfterMs }: FailureFacts,
): RetryContext {
  const attempts = (previous?.attempts ?? 0) + 1;
  const attempt: AttemptRecord = {
    attempt: attempts,
    at,
    error: failure.message,
    errorClass: failure.errorClass,
    code: failure.code,
    ...(failure.httpStatus === null ? {} : { httpStatus: failure.httpStatus }),
  };
  return {
    target,
    attempts,
    firstFailureAt: previous?.firstFailureAt ?? at,
    ...(retryAfterMs === undefined ? {} : { notBefore: at + retryAfterMs }),
    history: [...(previous?.history ?? []), attempt],
  };
}

/** The 1-based number of the delivery a consumer is about to make. */
export function deliveryAttempt(context: RetryContext | undefined): number {
  return (context?.attempts ?? 0) + 1;
}

export class RetryProtocolError extends HubError {
  constructor(message: string) {
    super('RETRY_PROTOCOL_VIOLATION', message, false);
  }
}
