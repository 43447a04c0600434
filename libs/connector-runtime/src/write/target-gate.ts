/**
 * Every call to the target goes through here: the local breaker decides whether it may
 * happen at all, the rate limit when, and the outcome feeds the breaker and the latency
 * histogram. One gate per runtime, shared by the main, redelivery and read flows. The rate
 * limit is this runtime's own token bucket and, when `shared` is given, the target's
 * bucket shared by every replica (Postgres), so the target's quota holds for all of them.
 * An operator's controls (hub.target-control.v1) come first: paused holds every write,
 * the breaker forced open holds every call, forced closed lets calls through whatever the
 * local breaker says; a held call throws TargetHeldError and never reaches the target.
 */
import { TARGET_HELD } from '@hub/contracts';
import { CIRCUIT_OPEN } from '@hub/delivery-protocol';
import {
  SpanKind,
  inSpan,
  recordBreakerState,
  type HubMetrics,
  type Logger,
} from '@hub/observability';
import {
  CircuitBreaker,
  SharedRateLimiter,
  TokenBucket,
  TransientError,
  classifyError,
  errorMessage,
  take,
  type SharedTokens,
  type CircuitBreakerOptions,
  type CircuitState,
  type Clock,
  type StateChange,
} from '@hub/resilience';
import type { ControlSource } from '../controls/target-controls';

export type TargetOperation = 'apply' | 'find-prior-write' | 'fetch' | 'sweep';

export interface TargetGateOptions {
  readonly target: string;
  readonly breaker: Partial<CircuitBreakerOptions>;
  readonly ratePerSecond: number;
  readonly burst: number;
  /** The target's bucket shared by every replica; without it the limit is this process's alone. */
  readonly shared?: SharedTokens;
  readonly clock: Clock;
  readonly metrics: Pick<HubMetrics, 'breakerState' | 'connectorErpCallSeconds'>;
  readonly logger: Logger;
  /** The operators' orders (a ControlReader's); none: the breaker alone decides. */
  readonly controls?: ControlSource;
}

/**
 * Thrown instead of calling the target while its breaker is open. It asks not to be
 * retried before the breaker lets a probe through (hub-not-before), so the retry
 * scheduler does not spend attempts on a target known to be down.
 */
export class CircuitOpenError extends TransientError {
  constructor(target: string, halfOpenAt: number | undefined, now: number) {
    super(
      CIRCUIT_OPEN,
      halfOpenAt === undefined
        ? `Not called: the circuit breaker for ${target} is open`
        : `Not called: the circuit breaker for ${target} is open until ${new Date(halfOpenAt).toISOString()}`,
      halfOpenAt === undefined ? {} : { retryAfterMs: Math.max(0, halfOpenAt - now) },
    );
  }
}

/**
 * Thrown instead of calling the target while an operator holds it (paused, or its breaker
 * forced open). The write waits in the retry queue without spending its retry budget, and
 * the scheduler releases it once the hold is lifted.
 */
export class TargetHeldError extends TransientError {
  constructor(target: string, why: 'is paused' | 'has its breaker forced open') {
    super(TARGET_HELD, `Not called: ${target} ${why} by an operator`);
  }
}

const WRITES: readonly TargetOperation[] = ['apply', 'find-prior-write'];

/** The shared bucket could not be read: not called, retried later (never over the quota). */
export const RATE_LIMIT_UNAVAILABLE = 'RATE_LIMIT_UNAVAILABLE';

type Acquire = (signal: AbortSignal) => Promise<void>;

function limiter(options: TargetGateOptions): Acquire {
  const rate = { ratePerSecond: options.ratePerSecond, burst: options.burst };
  if (options.shared === undefined) {
    const bucket = new TokenBucket(rate, options.clock);
    return (signal) => take(bucket, 1, { signal });
  }
  const shared = new SharedRateLimiter(rate, options.shared, options.clock);
  return async (signal) => {
    try {
      await shared.acquire(signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw new TransientError(
        RATE_LIMIT_UNAVAILABLE,
        `Not called: the shared rate limit of ${options.target} could not be read: ${errorMessage(error)}`,
        { cause: error },
      );
    }
  };
}

export class TargetGate {
  private readonly breaker: CircuitBreaker;
  private readonly acquire: Acquire;
  private probesInFlight = 0;

  constructor(private readonly options: TargetGateOptions) {
    this.breaker = new CircuitBreaker(options.breaker);
    this.acquire = limiter(options);
    recordBreakerState(options.metrics, options.target, 'closed');
  }

  state(): CircuitState {
    return this.breaker.state(this.options.clock.now());
  }

  /**
   * Calls the target if the breaker lets it, after a token; throws CircuitOpenError when
   * not. Only transient failures count against the target: a permanent one means it
   * answered.
   */
  async call<T>(
    operation: TargetOperation,
    work: () => Promise<T>,
    signal: AbortSignal,
  ): Promise<T> {
    const probe = this.obeyControls(operation) === 'forced-closed' ? false : this.admit();
    try {
      await this.acquire(signal);
      const { target } = this.options;
      const stop = this.options.metrics.connectorErpCallSeconds.startTimer({ target, operation });
      try {
        // The call to the target as a client span; an error marks it failed.
        const result = await inSpan(
          'erp.call',
          {
            kind: SpanKind.CLIENT,
            attributes: { 'hub.target': target, 'hub.operation': operation },
          },
          () => work(),
        );
        this.record('success');
        return result;
      } catch (error) {
        if (!signal.aborted) this.record(classifyError(error).retriable ? 'failure' : 'success');
        throw error;
      } finally {
        stop();
      }
    } finally {
      if (probe) this.probesInFlight -= 1;
    }
  }

  /** Throws when an operator holds the call; says whether the breaker is forced closed. */
  private obeyControls(operation: TargetOperation): 'forced-closed' | 'breaker' {
    const control = this.options.controls?.of(this.options.target);
    if (control === undefined) return 'breaker';
    if (control.breaker === 'open')
      throw new TargetHeldError(this.options.target, 'has its breaker forced open');
    if (control.paused && WRITES.includes(operation))
      throw new TargetHeldError(this.options.target, 'is paused');
    return control.breaker === 'closed' ? 'forced-closed' : 'breaker';
  }

  /** Whether the call may go ahead; true when it is a half-open probe. */
  private admit(): boolean {
    const now = this.options.clock.now();
    this.apply(this.breaker.tick(now));
    const snapshot = this.breaker.snapshot(now);
    if (snapshot.state === 'closed') return false;
    if (snapshot.state === 'half-open' && this.probesInFlight < snapshot.probesRemaining) {
      this.probesInFlight += 1;
      return true;
    }
    throw new CircuitOpenError(
      this.options.target,
      snapshot.state === 'open' ? snapshot.halfOpenAt : undefined,
      now,
    );
  }

  private record(outcome: 'success' | 'failure'): void {
    this.apply(this.breaker.record(outcome, this.options.clock.now()));
  }

  private apply(changes: readonly StateChange[]): void {
    for (const change of changes) {
      recordBreakerState(this.options.metrics, this.options.target, change.to);
      const log = change.to === 'open' ? this.options.logger.warn : this.options.logger.info;
      log.call(
        this.options.logger,
        { target: this.options.target, from: change.from, to: change.to, reason: change.reason },
        `Circuit breaker for ${this.options.target}: ${change.from} -> ${change.to}`,
      );
    }
  }
}
