/**
 * The W3C traceparent every hop writes on what it produces, so one event's story (webhook,
 * writes, retries, redeliveries, dead letter, operator retry) is one trace. A hop that records
 * no span (tracing off) passes the traceparent it received, so the trace id still travels.
 */
import { hubHeaderNames, type OutgoingMessage, type RawHeaders } from '@hub/messaging';

/** The traceparent a message carries, if any. */
export function traceparentHeader(raw: RawHeaders): string | undefined {
  return raw[hubHeaderNames.traceparent];
}

/** Headers with `traceparent` set to this one; unchanged when there is none. */
export function headersWithTraceparent(
  raw: RawHeaders,
  traceparent: string | undefined,
): Record<string, string> {
  return traceparent === undefined
    ? { ...raw }
    : { ...raw, [hubHeaderNames.traceparent]: traceparent };
}

/** The message with `traceparent` set to this one (the span that produced it). */
export function withTraceparent(
  message: OutgoingMessage,
  traceparent: string | undefined,
): OutgoingMessage {
  if (traceparent === undefined) return message;
  const headers: Record<string, string | Buffer> = { ...message.headers };
  headers[hubHeaderNames.traceparent] = traceparent;
  return { ...message, headers };
}
