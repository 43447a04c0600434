/**
 * Reconciliation's share of the target's request budget (CONNECTOR_RECONCILE_BUDGET of the
 * rate limit, 10 % by default): a bucket of its own that every reconciliation call takes
 * from before it queues at the target gate's shared rate limit with the live flows. The
 * live traffic therefore keeps the rest of the budget however long a comparison runs.
 */
import { TokenBucket, take, type Clock, type Sleep } from '@hub/resilience';

export interface ReconcileBudgetOptions {
  /** The share of the target's budget (0 to 1]. */
  readonly share: number;
  /** The target's rate limit (every replica together). */
  readonly ratePerSecond: number;
  readonly burst: number;
  readonly clock: Clock;
  readonly sleep?: Sleep;
}

export class ReconcileBudget {
  private readonly bucket: TokenBucket;

  constructor(private readonly options: ReconcileBudgetOptions) {
    const { share, ratePerSecond, burst, clock } = options;
    this.bucket = new TokenBucket(
      { ratePerSecond: share * ratePerSecond, burst: Math.max(1, Math.floor(share * burst)) },
      clock,
    );
  }

  /** Calls per second reconciliation may make at most. */
  get ratePerSecond(): number {
    return this.bucket.ratePerSecond;
  }

  /** Waits until `calls` more target calls fit the share. */
  async spend(calls: number, signal: AbortSignal): Promise<void> {
    for (let i = 0; i < calls; i++)
      await take(this.bucket, 1, {
        signal,
        ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
      });
  }
}
