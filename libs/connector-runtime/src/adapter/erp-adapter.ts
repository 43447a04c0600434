/**
 * The port a connector implements: its protocol, nothing else. The runtime owns ordering,
 * ownership, idempotency, stale-write protection, rate limits, breakers, retries and
 * dead-lettering, identically for every target.
 *
 * Errors: throw @hub/resilience TransientError (a retry can help: timeouts, 5xx, 429 with
 * retryAfterMs, connection refused) or PermanentError (it cannot: unknown PO or product,
 * validation, over-receipt), with a stable code and a message an operator understands.
 * Anything else thrown is classified by @hub/resilience classifyError.
 */
import type {
  AnyCanonicalEvent,
  CanonicalSource,
  EntityType,
  SourceNotificationEvent,
} from '@hub/contracts';
import type { CompletedSteps, JsonValue } from '@hub/idempotency';

/** What a successful write produced. */
export interface WriteResult {
  /** The target's id of what was written (document number, record id), when it has one. */
  readonly targetReference: string | null;
}

export interface WriteContext {
  /** The event's correlation id: the idempotency key; write it into a reference field of created documents. */
  readonly correlationId: string;
  /** 1-based delivery attempt. */
  readonly attempt: number;
  /** Aborted when the connector stops; pass it to the HTTP client. */
  readonly signal: AbortSignal;
  /**
   * Steps of this write an earlier attempt completed (a retry, or a takeover after a crash),
   * step name → the result recorded with it; empty on a first attempt. A multi-step write
   * (create, count, post) skips these and goes on after the last one, using their results
   * (e.g. the document number the create step got). The adapter's own step order decides
   * which one is last: the map is unordered. `runSteps` (the kit) does both for a list of
   * steps. Optional only so contexts built by hand in tests stay valid; the runtime always
   * sets both.
   */
  readonly completedSteps?: CompletedSteps;
  /**
   * Records one completed step with its result (JSON, e.g. `{ documentId }`) before the
   * next step starts, so a retry resumes after it instead of repeating it. Fails (and the
   * write with it) when this worker lost the lease.
   */
  readonly recordStep?: (name: string, result: JsonValue) => Promise<void>;
}

export type { AnyCanonicalEvent };

export interface WriteAdapter {
  /** The entity types this adapter can write (the runtime consumes only those the policy routes to its system). */
  readonly writes: readonly EntityType[];
  /** Writes one event to the target. Must be safe to call again after findPriorWrite said "none". */
  apply(event: AnyCanonicalEvent, context: WriteContext): Promise<WriteResult>;
  /**
   * Looks for a write of this correlation id that the target accepted but the hub never
   * recorded (the process died, or the connection dropped after the target committed).
   * Called before apply() on every redelivery and after any in-doubt failure; undefined means none.
   */
  findPriorWrite(event: AnyCanonicalEvent, context: WriteContext): Promise<WriteResult | undefined>;
}

/** A canonical entity as read from the source, before the hub gives it an envelope. */
export type SourceRecord = {
  [T in EntityType]: { readonly entityType: T } & Omit<CanonicalSource<T>, 'sourceSystem'>;
}[EntityType];

export type FetchResult =
  /** The record as it is now (one notification may yield several entities). */
  | { readonly kind: 'found'; readonly records: readonly SourceRecord[] }
  /** Deleted, or not something the hub publishes (e.g. a draft PO): nothing to publish. */
  | { readonly kind: 'skip'; readonly reason: string }
  /** Not visible yet (Odoo 17 notifies before commit): the runtime retries the fetch with backoff. */
  | { readonly kind: 'not-yet' };

export interface SweepPage {
  readonly records: readonly SourceRecord[];
  /** Epoch milliseconds: the source change time up to which this page is complete; stored as the next `since`. */
  readonly watermark: number;
  /** More pages follow. */
  readonly more: boolean;
}

export interface ReadAdapter {
  /** The entity types this system owns and publishes. */
  readonly reads: readonly EntityType[];
  /** Reads the record a thin notification points at. */
  fetch(notification: SourceNotificationEvent, signal: AbortSignal): Promise<FetchResult>;
  /** Records changed since the watermark (epoch ms, inclusive), oldest first, one page. */
  sweep(since: number, signal: AbortSignal): Promise<SweepPage>;
}
