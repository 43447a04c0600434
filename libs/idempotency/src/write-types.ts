import type { JsonValue } from './json-value';

/** What begin() is asked: may this worker write this event to this target now? */
export interface BeginRequest {
  /** The system written to, e.g. `sap`, `business-central`. */
  readonly target: string;
  /** The event's deterministic correlation id (computed by `correlationId()` in @hub/contracts). */
  readonly correlationId: string;
  readonly entityType: string;
  readonly entityKey: string;
  /** The source's version of the entity, epoch milliseconds. */
  readonly sourceVersion: number;
  /** Who asks; unique per worker instance, e.g. `connector-sap/pod-7/3f2a`. */
  readonly leaseOwner: string;
  /** How long the lease lasts before another worker may take the write over. */
  readonly leaseMs: number;
}

/** Completed steps of a multi-step write, step name to the step's result. */
export type CompletedSteps = Readonly<Record<string, JsonValue>>;

/** You hold the lease: write, skipping the steps already completed. */
export interface Proceed {
  readonly kind: 'proceed';
  /** 1 on the first attempt; counts every lease granted, including takeovers. */
  readonly attempt: number;
  readonly completedSteps: CompletedSteps;
  readonly leaseExpiresAt: number;
}

/** The write succeeded before; do not call the ERP again. */
export interface AlreadyDone {
  readonly kind: 'already-done';
  /** The ERP's result as recorded, or null when `recordPurged`. */
  readonly result: JsonValue;
  /**
   * True when the write record was purged and only the stale-write guard remembers
   * that this very correlation id applied the current version.
   */
  readonly recordPurged: boolean;
}

/** The write failed permanently before; the error is what was recorded then. */
export interface FailedPermanently {
  readonly kind: 'failed-permanently';
  readonly error: JsonValue;
}

/** Another worker holds a live lease on this write. */
export interface InFlightElsewhere {
  readonly kind: 'in-flight-elsewhere';
  readonly leaseOwner: string;
  readonly leaseExpiresAt: number;
}

/** A newer source version was already applied for this target and entity: skip, not an error. */
export interface Superseded {
  readonly kind: 'superseded';
  readonly appliedVersion: number;
  readonly appliedByCorrelationId: string;
}

export type BeginAnswer =
  Proceed | AlreadyDone | FailedPermanently | InFlightElsewhere | Superseded;

export type WriteState = 'in-flight' | 'succeeded' | 'failed-permanently';

/** A write record as stored; an in-flight record with steps is "created, not posted". */
export interface WriteRecord {
  readonly target: string;
  readonly correlationId: string;
  readonly entityType: string;
  readonly entityKey: string;
  readonly sourceVersion: number;
  readonly state: WriteState;
  /** Null while in flight between attempts (released) and once finished. */
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: number | null;
  readonly attempts: number;
  readonly steps: CompletedSteps;
  readonly result: JsonValue | null;
  /** The permanent error, or while in flight the last transient one given to release(). */
  readonly error: JsonValue | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The stale-write guard's row for one target and entity. */
export interface AppliedVersion {
  readonly version: number;
  readonly correlationId: string;
  readonly appliedAt: number;
}

/** What complete() reports about the stale-write guard. */
export interface CompleteOutcome {
  /**
   * False when a newer version was applied while this write was in flight: the guard
   * keeps the newer version, and this write may have overwritten newer data in the ERP.
   */
  readonly guardAdvanced: boolean;
  readonly appliedVersion: number;
}
