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
  /**
   * Where the owner's event arrived among the events of its entity (its offset on the
   * entity's partition), carried unchanged through retries. Breaks ties between equal
   * source versions: the later arrival is the newer fact. 0 when unknown.
   */
  readonly arrivalOrder?: number;
  /**
   * `state` (default): the newest version wins; older events are superseded, and a write
   * whose outcome is in doubt holds back older writes to its record. `additive`: every
   * event is applied once whatever the order; only concurrent writes of a record wait.
   */
  readonly semantics?: WriteSemantics;
  /** Who asks; unique per worker instance, e.g. `connector-sap/pod-7/3f2a`. */
  readonly leaseOwner: string;
  /** How long the lease lasts before another worker may take the write over. */
  readonly leaseMs: number;
}

export type WriteSemantics = 'state' | 'additive';

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

/**
 * Another write of the same record (target, entity) holds it: writes of one record run one
 * at a time across flows and replicas. Wait and ask again.
 */
export interface RecordBusy {
  readonly kind: 'record-busy';
  readonly correlationId: string;
  readonly leaseOwner: string;
  readonly leaseExpiresAt: number;
}

/**
 * A newer write of the same record failed with its outcome unknown (the target may hold it):
 * an older fact may not reach the target until that doubt is resolved. Try again later.
 */
export interface HeldByInDoubt {
  readonly kind: 'held-by-in-doubt';
  readonly correlationId: string;
  readonly version: number;
  readonly inDoubtSince: number;
}

export type BeginAnswer =
  | Proceed
  | AlreadyDone
  | FailedPermanently
  | InFlightElsewhere
  | Superseded
  | RecordBusy
  | HeldByInDoubt;

/** Who holds a record, or left it in doubt (a released or expired lease). */
export interface RecordClaim {
  readonly correlationId: string;
  readonly version: number;
  readonly arrivalOrder: number;
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: number | null;
  /** When the holder released it after a failure; null while leased. */
  readonly inDoubtSince: number | null;
}

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
  /** The arrival order of the event that applied it (see BeginRequest.arrivalOrder). */
  readonly arrivalOrder: number;
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
