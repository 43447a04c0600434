/**
 * Backoff schedule: delays between retries, the last one repeating, until a maximum age
 * after the first failure.
 *
 * Retry n (n = 1 for the first retry after the failure at `firstFailureAt`) is due at
 *   firstFailureAt + pausedMs + offset(n),   offset(n) = step(1) + ... + step(n)
 * where step(i) is the i-th delay, or the last delay for i past the end. The item is
 * `exhausted` for retry n when offset(n) > maxAge: a retry landing exactly at maxAge
 * still runs. `pausedMs` is time the target was unreachable (breaker open); it moves
 * the due time and the deadline alike, so an outage does not eat the item's age.
 * Due times are absolute, so any replica computes the same one from the retry headers.
 */
import { PermanentError } from '@hub/primitives';
import { requireDuration } from './duration';
import { InvalidScheduleError } from './invalid-schedule-error';

export const DEFAULT_SCHEDULE = '30s,2m,8m,30m,2h';
export const DEFAULT_MAX_AGE = '24h';
export const EXHAUSTED = 'exhausted';
export type Exhausted = typeof EXHAUSTED;

export interface ScheduleOptions {
  /** Age after the first failure beyond which no retry is scheduled (default 24h). */
  readonly maxAge?: string;
  /** Multiplies every delay and the max age: 0.001 turns 30s into 30 ms for tests. */
  readonly scale?: number;
}

export interface BackoffSchedule {
  /** Delays in ms (scaled), the last repeating. */
  readonly stepsMs: readonly number[];
  readonly maxAgeMs: number;
  /** Epoch ms at which retry `attempt` (1-based) is due, or `exhausted`. */
  nextDue(firstFailureAt: number, attempt: number, pausedMs?: number): number | Exhausted;
}

export function parseSchedule(spec: string, options: ScheduleOptions = {}): BackoffSchedule {
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new InvalidScheduleError(
      `scale must be a positive finite number, got ${scale}`,
      String(scale),
    );
  }
  const tokens = spec.split(',').map((token) => token.trim());
  if (tokens.some((token) => token === '')) {
    throw new InvalidScheduleError(
      `schedule "${spec}" has an empty step: expected e.g. 30s,2m,8m`,
      '',
    );
  }
  const stepsMs = tokens.map((token) => scaled(requireDuration(token), scale));
  const maxAgeMs = scaled(requireDuration(options.maxAge ?? DEFAULT_MAX_AGE), scale);
  const first = stepsMs[0] ?? 0;
  if (maxAgeMs < first) {
    throw new InvalidScheduleError(
      `maxAge ${options.maxAge ?? DEFAULT_MAX_AGE} is shorter than the first step ${tokens[0] ?? ''}: no retry could run`,
      options.maxAge ?? DEFAULT_MAX_AGE,
    );
  }
  return scheduleOf(stepsMs, maxAgeMs);
}

/** The hub's default: 30s, 2m, 8m, 30m, 2h, then every 2h until 24h after the first failure. */
export function defaultSchedule(scale = 1): BackoffSchedule {
  return parseSchedule(DEFAULT_SCHEDULE, { maxAge: DEFAULT_MAX_AGE, scale });
}

// Whole milliseconds, never 0: a zero step would make every later retry due at once.
function scaled(ms: number, scale: number): number {
  return Math.max(1, Math.round(ms * scale));
}

function scheduleOf(stepsMs: readonly number[], maxAgeMs: number): BackoffSchedule {
  const prefix = stepsMs.reduce<number[]>((sums, step) => [...sums, (sums.at(-1) ?? 0) + step], []);
  const last = stepsMs.at(-1) ?? 0;
  const offset = (attempt: number): number =>
    attempt <= stepsMs.length
      ? (prefix[attempt - 1] ?? 0)
      : (prefix.at(-1) ?? 0) + (attempt - stepsMs.length) * last;
  return {
    stepsMs,
    maxAgeMs,
    nextDue(firstFailureAt, attempt, pausedMs = 0) {
      checkArguments(firstFailureAt, attempt, pausedMs);
      const age = offset(attempt);
      return age > maxAgeMs ? EXHAUSTED : firstFailureAt + pausedMs + age;
    },
  };
}

function checkArguments(firstFailureAt: number, attempt: number, pausedMs: number): void {
  const problem = !Number.isFinite(firstFailureAt)
    ? `firstFailureAt must be epoch ms, got ${firstFailureAt}`
    : !Number.isSafeInteger(attempt) || attempt < 1
      ? `attempt must be an integer >= 1, got ${attempt}`
      : !Number.isFinite(pausedMs) || pausedMs < 0
        ? `pausedMs must be >= 0, got ${pausedMs}`
        : undefined;
  if (problem !== undefined) throw new PermanentError('INVALID_ARGUMENT', `nextDue: ${problem}`);
}
