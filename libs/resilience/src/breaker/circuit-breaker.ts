/**
 * A circuit breaker per target, driven by observed outcomes rather than by wrapping a
 * call: connectors publish each write's outcome, and every replica of the scheduler feeds
 * the same stream into this pure state machine, so all derive the same state. Time comes
 * only from the arguments (`at`, the outcome's own timestamp) and never runs backwards:
 * the breaker's "now" is the latest time it has seen.
 *
 *   closed    --failure rate >= threshold over >= minimumCalls in the window--> open
 *   open      --coolDownMs elapsed-->                                         half-open
 *   half-open --a probe fails-->                                              open
 *   half-open --halfOpenProbes successes-->                                   closed
 *
 * An outcome stamped before the current state began belongs to an earlier period (a call
 * made before the breaker opened, a probe answered after it closed) and is ignored.
 * Outcomes stamped while open are ignored: they are calls that slipped through, not probes.
 */
import { breakerOptions, type CircuitBreakerOptions } from './breaker-options';
import { OutcomeWindow } from './outcome-window';

export const CIRCUIT_STATES = ['closed', 'open', 'half-open'] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];
export type Outcome = 'success' | 'failure';
export type TransitionReason =
  'failure-rate' | 'cool-down-elapsed' | 'probe-failed' | 'probes-succeeded';

export interface StateChange {
  readonly from: CircuitState;
  readonly to: CircuitState;
  readonly at: number;
  readonly reason: TransitionReason;
}

export type BreakerSnapshot =
  | {
      readonly state: 'closed';
      readonly since: number;
      readonly calls: number;
      readonly failures: number;
    }
  | { readonly state: 'open'; readonly since: number; readonly halfOpenAt: number }
  | { readonly state: 'half-open'; readonly since: number; readonly probesRemaining: number };

/** One outcome in the closed-state window: [epoch ms, 1 if it failed]. */
export type WindowEntry = readonly [number, 0 | 1];

/**
 * Everything a breaker knows, as plain data (JSON- and SQL-safe: no infinities), so a
 * breaker kept in a database row is the same breaker after `CircuitBreaker.restore`.
 */
export interface BreakerRecord {
  readonly state: CircuitState;
  /** When the state began; null for "closed since the start". */
  readonly since: number | null;
  /** Successful probes so far (half-open only). */
  readonly successes: number;
  /** The breaker's now: the latest time it has seen; null before the first. */
  readonly latestAt: number | null;
  /** The outcomes the closed state still counts, oldest first. */
  readonly window: readonly WindowEntry[];
}

export const INITIAL_BREAKER_RECORD: BreakerRecord = {
  state: 'closed',
  since: null,
  successes: 0,
  latestAt: null,
  window: [],
};

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

type Current =
  | { readonly state: 'closed'; readonly since: number }
  | { readonly state: 'open'; readonly since: number }
  | { readonly state: 'half-open'; readonly since: number; readonly successes: number };

export class CircuitBreaker {
  readonly options: CircuitBreakerOptions;
  private readonly window: OutcomeWindow;
  private current: Current = { state: 'closed', since: -Infinity };
  private now = -Infinity;

  constructor(options: Partial<CircuitBreakerOptions> = {}) {
    this.options = breakerOptions(options);
    this.window = new OutcomeWindow(this.options.windowMs);
  }

  /** A breaker in exactly the state `record` was taken from. */
  static restore(
    record: BreakerRecord,
    options: Partial<CircuitBreakerOptions> = {},
  ): CircuitBreaker {
    const breaker = new CircuitBreaker(options);
    const since = record.since ?? -Infinity;
    breaker.current =
      record.state === 'half-open'
        ? { state: 'half-open', since, successes: record.successes }
        : { state: record.state, since };
    breaker.now = record.latestAt ?? -Infinity;
    for (const [at, failed] of record.window) breaker.window.add(at, failed === 1);
    return breaker;
  }

  /** What `restore` needs to give this breaker back; changes nothing. */
  toRecord(): BreakerRecord {
    const current = this.current;
    return {
      state: current.state,
      since: finiteOrNull(current.since),
      successes: current.state === 'half-open' ? current.successes : 0,
      latestAt: finiteOrNull(this.now),
      window: current.state === 'closed' ? this.window.entries() : [],
    };
  }

  /** Feeds one observed outcome; returns the state changes it caused, in order. */
  record(outcome: Outcome, at: number): readonly StateChange[] {
    const changes = [...this.tick(at)];
    const current = this.current;
    if (at < current.since || current.state === 'open') return changes;
    const failed = outcome === 'failure';
    if (current.state === 'half-open') {
      if (failed) changes.push(this.enter({ state: 'open', since: this.now }, 'probe-failed'));
      else if (current.successes + 1 >= this.options.halfOpenProbes) {
        changes.push(this.enter({ state: 'closed', since: this.now }, 'probes-succeeded'));
      } else this.current = { ...current, successes: current.successes + 1 };
      return changes;
    }
    this.window.add(at, failed);
    const { calls, failures } = this.window.prune(this.now);
    if (
      calls >= this.options.minimumCalls &&
      failures / calls >= this.options.failureRateThreshold
    ) {
      changes.push(this.enter({ state: 'open', since: this.now }, 'failure-rate'));
    }
    return changes;
  }

  /** Lets time pass: open becomes half-open once the cool-down has elapsed. */
  tick(at: number): readonly StateChange[] {
    this.now = Math.max(this.now, at);
    const current = this.current;
    if (current.state !== 'open') return [];
    const halfOpenAt = current.since + this.options.coolDownMs;
    if (this.now < halfOpenAt) return [];
    return [
      this.enter({ state: 'half-open', since: halfOpenAt, successes: 0 }, 'cool-down-elapsed'),
    ];
  }

  /** The state at `at`, without changing anything. */
  state(at: number): CircuitState {
    return this.snapshot(at).state;
  }

  /** State with the figures operators and the scheduler need, without changing anything. */
  snapshot(at: number): BreakerSnapshot {
    const now = Math.max(this.now, at);
    const current = this.current;
    if (current.state === 'closed')
      return { state: 'closed', since: current.since, ...this.window.countsAt(now) };
    if (current.state === 'half-open') {
      return {
        state: 'half-open',
        since: current.since,
        probesRemaining: this.options.halfOpenProbes - current.successes,
      };
    }
    const halfOpenAt = current.since + this.options.coolDownMs;
    if (now < halfOpenAt) return { state: 'open', since: current.since, halfOpenAt };
    return { state: 'half-open', since: halfOpenAt, probesRemaining: this.options.halfOpenProbes };
  }

  private enter(next: Current, reason: TransitionReason): StateChange {
    const change: StateChange = {
      from: this.current.state,
      to: next.state,
      at: next.since,
      reason,
    };
    this.current = next;
    if (next.state !== 'half-open') this.window.clear();
    return change;
  }
}
