/**
 * A target's breaker as one Postgres row, so every replica sees the same state. The
 * transitions are @hub/resilience's CircuitBreaker: the row is its `toRecord()`, turned
 * back into the same breaker by `CircuitBreaker.restore`, fed the outcome and written back.
 */
import {
  CircuitBreaker,
  type BreakerRecord,
  type CircuitBreakerOptions,
  type CircuitState,
  type Outcome,
  type StateChange,
} from '@hub/resilience';

export { INITIAL_BREAKER_RECORD, type BreakerRecord, type WindowEntry } from '@hub/resilience';

export interface AppliedOutcome {
  readonly record: BreakerRecord;
  readonly changes: readonly StateChange[];
}

/**
 * Records one observed outcome stamped `at`; returns the new record and what changed. The
 * reference for one outcome at a time: the outcome intake feeds a whole slice to one breaker
 * restored once, which the property in breaker-record.spec shows gives the same records.
 */
export function applyOutcome(
  record: BreakerRecord,
  outcome: Outcome,
  at: number,
  options: CircuitBreakerOptions,
): AppliedOutcome {
  const breaker = CircuitBreaker.restore(record, options);
  const changes = breaker.record(outcome, at);
  return { changes, record: breaker.toRecord() };
}

/** The state at wall-clock `now` (open turns half-open once the cool-down has passed). */
export function breakerStateAt(
  record: BreakerRecord,
  now: number,
  options: CircuitBreakerOptions,
): { readonly state: CircuitState; readonly since: number | null; readonly halfOpenAt?: number } {
  const snapshot = CircuitBreaker.restore(record, options).snapshot(now);
  const since = Number.isFinite(snapshot.since) ? snapshot.since : null;
  return snapshot.state === 'open'
    ? { state: 'open', since, halfOpenAt: snapshot.halfOpenAt }
    : { state: snapshot.state, since };
}
