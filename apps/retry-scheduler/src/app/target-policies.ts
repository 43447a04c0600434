/** Each target's schedule, drain rate and breaker options, with overrides and time scale applied. */
import { parseSchedule, type BackoffSchedule, type CircuitBreakerOptions } from '@hub/resilience';
import type { RetrySchedulerConfig } from './retry-scheduler.config';

export interface TargetPolicy {
  readonly target: string;
  readonly schedule: BackoffSchedule;
  /** Redeliveries per second, all replicas together. */
  readonly drainRate: number;
  /** Tokens the drain bucket holds at most: a tenth of a second's worth, at least one. */
  readonly drainBurst: number;
}

export interface SchedulerPolicies {
  readonly targets: ReadonlyMap<string, TargetPolicy>;
  readonly breaker: CircuitBreakerOptions;
  readonly probeTimeoutMs: number;
  readonly pauseClockWhenOpen: boolean;
}

type PolicyConfig = Pick<
  RetrySchedulerConfig,
  | 'targets'
  | 'schedule'
  | 'maxAge'
  | 'timeScale'
  | 'drainRate'
  | 'pauseClockWhenOpen'
  | 'breakerWindow'
  | 'breakerMinimumCalls'
  | 'breakerFailureRate'
  | 'breakerCoolDown'
  | 'breakerHalfOpenProbes'
  | 'probeTimeout'
>;

/** Throws InvalidScheduleError (naming the bad token) for a bad schedule or max age. */
export function schedulerPolicies(config: PolicyConfig): SchedulerPolicies {
  const scale = config.timeScale;
  const scaled = (ms: number): number => Math.max(1, Math.round(ms * scale));
  const targets = new Map<string, TargetPolicy>();
  for (const target of config.targets.targets) {
    const drainRate = target.drainRate ?? config.drainRate;
    targets.set(target.id, {
      target: target.id,
      schedule: parseSchedule(target.schedule ?? config.schedule, {
        maxAge: target.maxAge ?? config.maxAge,
        scale,
      }),
      drainRate,
      drainBurst: Math.max(1, Math.ceil(drainRate / 10)),
    });
  }
  return {
    targets,
    breaker: {
      windowMs: scaled(config.breakerWindow),
      minimumCalls: config.breakerMinimumCalls,
      failureRateThreshold: config.breakerFailureRate,
      coolDownMs: scaled(config.breakerCoolDown),
      halfOpenProbes: config.breakerHalfOpenProbes,
    },
    probeTimeoutMs: scaled(config.probeTimeout),
    pauseClockWhenOpen: config.pauseClockWhenOpen,
  };
}
