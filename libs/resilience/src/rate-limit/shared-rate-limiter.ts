/**
 * A rate limit that holds for every process sharing one bucket (e.g. all replicas of a
 * connector): each call needs a token of the process's own TokenBucket (the fast path,
 * which also smooths a batch out locally) and one of the shared bucket. Shared tokens are
 * taken a batch at a time, so the round trip to wherever the shared bucket lives (a
 * database row) is paid once per batch, not per call; while a batch lasts no round trip is
 * made. Tokens a process holds were taken from the shared bucket already, so the calls of
 * all processes together stay within burst + rate × time, plus at most one batch per
 * process held at the start of a window. No I/O here: the shared bucket is injected.
 */
import { systemClock, type Clock } from '@hub/primitives';
import { take, timerSleep, type Sleep } from './take';
import { TokenBucket, type TokenBucketOptions } from './token-bucket';

export interface SharedTokens {
  /**
   * Takes `n` tokens at `at` (epoch ms, the caller's clock) if all are there, else none;
   * answers how many were granted (n or 0) and the (fractional) tokens left after.
   */
  take(n: number, at: number): Promise<{ readonly granted: number; readonly left: number }>;
}

export interface SharedRateLimiterOptions extends TokenBucketOptions {
  /** Tokens taken from the shared bucket at once; default a tenth of a second's worth (≤ burst). */
  readonly batch?: number;
  readonly sleep?: Sleep;
}

/** A tenth of a second's worth, at least 1, at most the burst. */
export function defaultBatch(options: TokenBucketOptions): number {
  return Math.max(1, Math.min(Math.floor(options.burst), Math.ceil(options.ratePerSecond / 10)));
}

export class SharedRateLimiter {
  private readonly local: TokenBucket;
  private readonly batch: number;
  private readonly sleep: Sleep;
  private held = 0;
  // One round trip at a time: concurrent callers wait for the same batch.
  private fetching: Promise<number> | undefined;

  constructor(
    private readonly options: SharedRateLimiterOptions,
    private readonly shared: SharedTokens,
    private readonly clock: Clock = systemClock,
  ) {
    this.local = new TokenBucket(options, clock);
    this.batch = options.batch ?? defaultBatch(options);
    this.sleep = options.sleep ?? timerSleep;
  }

  /** Resolves when the call may go ahead; rejects on abort or when the shared bucket fails. */
  async acquire(signal?: AbortSignal): Promise<void> {
    await take(this.local, 1, { sleep: this.sleep, ...(signal === undefined ? {} : { signal }) });
    for (;;) {
      signal?.throwIfAborted();
      if (this.takeHeld()) return;
      this.fetching ??= this.fetch().finally(() => {
        this.fetching = undefined;
      });
      const waitMs = await this.fetching;
      if (this.takeHeld()) return;
      if (waitMs > 0) await this.sleep(waitMs, signal);
    }
  }

  private takeHeld(): boolean {
    if (this.held < 1) return false;
    this.held -= 1;
    return true;
  }

  /** Resolves with how long to wait before asking again (0 when something was granted). */
  private async fetch(): Promise<number> {
    const { granted, left } = await this.shared.take(this.batch, this.clock.now());
    this.held += granted;
    if (granted > 0) return 0;
    // Batches are all or nothing, so a saturated target costs one round trip per batch.
    return Math.max(1, Math.ceil(((this.batch - left) * 1_000) / this.options.ratePerSecond));
  }
}
