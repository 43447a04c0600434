import type { RawHeaders } from '../headers/hub-headers';

/** A message as it came off the broker, before decoding. */
export interface RawMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: RawHeaders;
  /** Broker or producer timestamp, epoch milliseconds as text. */
  readonly timestamp: string;
}

/** What a handler receives: decoded headers and value, plus where it came from. */
export interface ConsumedMessage<V, H> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly headers: H;
  readonly value: V;
  readonly rawHeaders: RawHeaders;
  readonly timestamp: string;
}

/**
 * Turns raw bytes into typed headers and value. Throwing means "undecodable": the message
 * goes to the dead-letter topic, unless the error says `retriable: true` (e.g. the schema
 * registry is down), in which case decoding is retried like a failed handler.
 */
export interface MessageDecoder<V, H> {
  headers(raw: RawHeaders, message: RawMessage): H;
  value(bytes: Buffer | null, message: RawMessage): Promise<V> | V;
}

export interface HandlerContext {
  /** Aborted when the runner is aborted; a handler may pass it on to cancel its I/O. */
  readonly signal: AbortSignal;
}

/**
 * Resolves only after the message's effect is recorded (processed, or routed by the handler
 * itself to a retry topic or DLQ). A throw means "infrastructure problem, try again": the
 * offset is not committed and the same message is retried with backoff.
 */
export type MessageHandler<V, H> = (
  message: ConsumedMessage<V, H>,
  context: HandlerContext,
) => Promise<void>;

/**
 * Takes a slice of one partition's messages, in offset order, and resolves only once the
 * effects of all of them are durable (typically one transaction). A throw retries the whole
 * slice in place, so its effects must be all-or-nothing or idempotent.
 */
export type BatchHandler<V, H> = (
  messages: readonly ConsumedMessage<V, H>[],
  context: HandlerContext,
) => Promise<void>;
