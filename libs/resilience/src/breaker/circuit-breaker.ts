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
