/**
 * Retry now: the original bytes and headers onto the target's retry topic as an operator's
 * retry, keyed by entity key, carrying the item's whole failure history
 * (@hub/delivery-protocol), so the connector's next failure appends to it. Not straight to
 * the redelivery topic: the retry scheduler holds it while the target's breaker is open and
 * releases it at the target's drain rate, like every other retry, but at once and outside
 * the spent retry budget. The connector answers with a delivery outcome whose `attempt` is
 * the one awaited here.
 */
import { deliveryAttempt, operatorRetryMessage, type RetryContext } from '@hub/delivery-protocol';
import type { AttemptRecord, OutgoingMessage } from '@hub/messaging';
import { UNDECODABLE, type StoredItem } from '../store/item-types';

export interface Redelivery {
  readonly message: OutgoingMessage;
  /** The delivery attempt the connector will report in its outcome. */
  readonly awaitedAttempt: number;
}

export function isRetriable(item: StoredItem): boolean {
  return item.reason !== UNDECODABLE && item.target !== null && item.originalValue !== null;
}

export function retryContextOf(item: StoredItem & { target: string }): RetryContext {
  const history: AttemptRecord[] = item.attempts.map((attempt, index) => ({
    attempt: index + 1,
    at: attempt.at,
    error: attempt.message,
    ...(attempt.errorClass === null ? {} : { errorClass: attempt.errorClass }),
    ...(attempt.code === null ? {} : { code: attempt.code }),
    ...(attempt.httpStatus === null ? {} : { httpStatus: attempt.httpStatus }),
  }));
  return {
    target: item.target,
    attempts: history.length,
    firstFailureAt: item.firstFailureAt ?? item.deadLetteredAt,
    history,
  };
}

/**
 * Undefined for an item that cannot be redelivered (undecodable, no target). `retryId`
 * names this one request, so two retries of one item are two retries for the scheduler.
 */
export function redeliveryOf(item: StoredItem, retryId: string): Redelivery | undefined {
  const { target } = item;
  if (!isRetriable(item) || target === null) return undefined;
  const context = retryContextOf({ ...item, target });
  return {
    message: operatorRetryMessage(
      {
        key: item.entityKey ?? item.messageKey,
        value: item.originalValue,
        rawHeaders: item.originalHeaders,
      },
      context,
      retryId,
    ),
    awaitedAttempt: deliveryAttempt(context),
  };
}
