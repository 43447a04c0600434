import { PermanentError } from '@hub/primitives';

export interface CircuitBreakerOptions {
  /** Rolling window over which the failure rate is computed, in ms. */
  readonly windowMs: number;
  /** The breaker never opens on fewer calls than this inside the window. */
  readonly minimumCalls: number;
  /** Opens when failures / calls >= this (0 < threshold <= 1). */
  readonly failureRateThreshold: number;
  /** Time spent open before probing, in ms. */
  readonly coolDownMs: number;
  /** Probes allowed in half-open; this many successes in a row close the breaker. */
  readonly halfOpenProbes: number;
}

export const DEFAULT_BREAKER_OPTIONS: CircuitBreakerOptions = {
  windowMs: 60_000,
  minimumCalls: 10,
  failureRateThreshold: 0.5,
  coolDownMs: 30_000,
  halfOpenProbes: 1,
};

export const INVALID_BREAKER_OPTIONS = 'INVALID_BREAKER_OPTIONS';

export function breakerOptions(given: Partial<CircuitBreakerOptions>): CircuitBreakerOptions {
  const options = { ...DEFAULT_BREAKER_OPTIONS, ...given };
  const { windowMs, minimumCalls, failureRateThreshold, coolDownMs, halfOpenProbes } = options;
  const problems = [
    windowMs > 0 && Number.isFinite(windowMs) ? undefined : `windowMs must be > 0, got ${windowMs}`,
    Number.isSafeInteger(minimumCalls) && minimumCalls >= 1
      ? undefined
      : `minimumCalls must be an integer >= 1, got ${minimumCalls}`,
    failureRateThreshold > 0 && failureRateThreshold <= 1
      ? undefined
      : `failureRateThreshold must be in (0, 1], got ${failureRateThreshold}`,
    coolDownMs >= 0 && Number.isFinite(coolDownMs)
      ? undefined
      : `coolDownMs must be >= 0, got ${coolDownMs}`,
    Number.isSafeInteger(halfOpenProbes) && halfOpenProbes >= 1
      ? undefined
      : `halfOpenProbes must be an integer >= 1, got ${halfOpenProbes}`,
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0)
    throw new PermanentError(INVALID_BREAKER_OPTIONS, `circuit breaker: ${problems.join('; ')}`);
  return options;
}
