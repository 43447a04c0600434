/**
 * A target's breaker as one Postgres row, so every replica sees the same state. The
 * transitions stay in @hub/resilience's CircuitBreaker: a record is turned back into a
 * breaker by replaying a minimal history that ends in the same state, the outcome is
 * recorded, and the result is written back. The window of outcomes (closed state only) is
 * kept in the record because the breaker does not expose its own.
 */
import {
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitState,
  type Outcome,
  type StateChange,
} from '@hub/resilience';

/** One outcome in the closed-state window: [epoch ms, 1 if it failed]. */
export type WindowEntry = readonly [number, 0 | 1];

export interface BreakerRecord {
  readonly state: CircuitState;
  /** When the state began; null for "closed since the start". */
  readonly since: number | null;
  /** Successful probes so far (half-open only). */
  readonly successes: number;
  /** The breaker's now: the latest outcome time it has seen. */
  readonly latestAt: number | null;
  readonly window: readonly WindowEntry[];
}

export const INITIAL_BREAKER_RECORD: BreakerRecord = {
  state: 'closed',
  since: null,
  successes: 0,
  latestAt: null,
  window: [],
};

export function restoreBreaker(
  record: BreakerRecord,
  options: CircuitBreakerOptions,
): CircuitBreaker {
  const breaker = new CircuitBreaker(options);
  // minimumCalls failures at one instant open any breaker (failure rate 1 >= any threshold).
  const openAt = (at: number): void => {
    for (let call = 0; call < options.minimumCalls; call += 1) breaker.record('failure', at);
  };
  const halfOpenAt = (at: number): void => {
    openAt(at - options.coolDownMs);
    breaker.tick(at);
  };
  const since = record.since;
  if (since !== null) {
    if (record.state === 'open') openAt(since);
    else if (record.state === 'half-open') {
      halfOpenAt(since);
      for (let probe = 0; probe < record.successes; probe += 1) breaker.record('success', since);
    } else {
      halfOpenAt(since);
      for (let probe = 0; probe < options.halfOpenProbes; probe += 1)
        breaker.record('success', since);
    }
  }
  // Successes first: every prefix then has a failure share at most the whole window's,
  // which stayed below the threshold when it was last evaluated, so replay never opens.
  if (record.state === 'closed') {
    for (const [at, failed] of record.window) if (failed === 0) breaker.record('success', at);
    for (const [at, failed] of record.window) if (failed === 1) breaker.record('failure', at);
  }
  if (record.latestAt !== null) breaker.tick(record.latestAt);
  return breaker;
}

export interface AppliedOutcome {
  readonly record: BreakerRecord;
  readonly changes: readonly StateChange[];
}

/** Records one observed outcome stamped `at`; returns the new record and what changed. */
export function applyOutcome(
  record: BreakerRecord,
  outcome: Outcome,
  at: number,
  options: CircuitBreakerOptions,
): AppliedOutcome {
  const breaker = restoreBreaker(record, options);
  const changes = breaker.record(outcome, at);
  const latestAt = Math.max(record.latestAt ?? at, at);
  const snapshot = breaker.snapshot(latestAt);
  const counted = record.state === 'closed' && changes.length === 0 && at >= (record.since ?? at);
  // The window as the breaker last evaluated it: pruned only when an outcome was counted.
  const window =
    snapshot.state !== 'closed' || changes.length > 0
      ? []
      : counted
        ? [...record.window, [at, outcome === 'failure' ? 1 : 0] as const]
            .filter(([entryAt]) => entryAt > latestAt - options.windowMs)
            .sort(([a], [b]) => a - b)
        : record.window;
  return {
    changes,
    record: {
      state: snapshot.state,
      since: Number.isFinite(snapshot.since) ? snapshot.since : null,
      successes:
        snapshot.state === 'half-open' ? options.halfOpenProbes - snapshot.probesRemaining : 0,
      latestAt,
      window,
    },
  };
}

/** The state at wall-clock `now` (open turns half-open once the cool-down has passed). */
export function breakerStateAt(
  record: BreakerRecord,
  now: number,
  options: CircuitBreakerOptions,
): { readonly state: CircuitState; readonly since: number | null; readonly halfOpenAt?: number } {
  const snapshot = restoreBreaker(record, options).snapshot(now);
  const since = Number.isFinite(snapshot.since) ? snapshot.since : null;
  return snapshot.state === 'open'
    ? { state: 'open', since, halfOpenAt: snapshot.halfOpenAt }
    : { state: snapshot.state, since };
}
