/**
 * Moving a write between the main flow, the retry queue and the redelivery queue. The
 * value bytes never change (same schema id, same eventId), so whoever consumes it decodes
 * it like the original; only the retry headers are replaced.
 */
import { redeliveryTopic, retryTopic } from '@hub/contracts';
import { hubHeaderNames, type OutgoingMessage, type RawHeaders } from '@hub/messaging';
import { notBeforeHeader, operatorRetryHeader, type RetryContext } from './retry-context';

/** A consumed message as far as moving it is concerned. */
export interface CarriedMessage {
  readonly key: string | Buffer | null;
  readonly value: Buffer | null;
  readonly rawHeaders: RawHeaders;
}

const retryHeaderNames: readonly string[] = [
  hubHeaderNames.attempt,
  hubHeaderNames.firstFailureAt,
  hubHeaderNames.lastError,
  hubHeaderNames.lastErrorClass,
  hubHeaderNames.target,
  hubHeaderNames.history,
  notBeforeHeader,
  operatorRetryHeader,
];

/** The message's own headers without any retry state, then the given context's. */
export function retryHeaders(raw: RawHeaders, context: RetryContext): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw))
    if (!retryHeaderNames.includes(name)) headers[name] = value;
  const last = context.history.at(-1);
  headers[hubHeaderNames.target] = context.target;
  headers[hubHeaderNames.attempt] = String(context.attempts);
  headers[hubHeaderNames.firstFailureAt] = String(context.firstFailureAt);
  headers[hubHeaderNames.history] = JSON.stringify(context.history);
  if (last !== undefined) {
    headers[hubHeaderNames.lastError] = last.error;
    if (last.errorClass !== undefined) headers[hubHeaderNames.lastErrorClass] = last.errorClass;
  }
  if (context.notBefore !== undefined) headers[notBeforeHeader] = String(context.notBefore);
  return headers;
}

/** Onto the target's retry topic, where the retry scheduler holds it until due. */
export function retryMessage(message: CarriedMessage, context: RetryContext): OutgoingMessage {
  return {
    topic: retryTopic(context.target),
    key: message.key,
    value: message.value,
    headers: retryHeaders(message.rawHeaders, context),
  };
}

/**
 * An operator's retry (from the DLQ) onto the target's retry topic, so it passes the same
 * breaker and drain rate as scheduled retries; `retryId` is unique to the operator's request,
 * so retrying the same item twice is two retries, and reading one message twice is one.
 */
export function operatorRetryMessage(
  message: CarriedMessage,
  context: RetryContext,
  retryId: string,
): OutgoingMessage {
  const retry = retryMessage(message, context);
  return { ...retry, headers: { ...retry.headers, [operatorRetryHeader]: retryId } };
}

/** Onto the target's redelivery topic, which its connector consumes beside the main flow. */
export function redeliveryMessage(message: CarriedMessage, context: RetryContext): OutgoingMessage {
  return {
    topic: redeliveryTopic(context.target),
    key: message.key,
    value: message.value,
    headers: retryHeaders(message.rawHeaders, context),
  };
}
