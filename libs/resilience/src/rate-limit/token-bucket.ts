/**
 * Token bucket per target: holds at most `burst` tokens, refills continuously at
 * `ratePerSecond` (fractions allowed: 0.5 is one token every 2 s), starts full.
 * Pure arithmetic over the times it is given; time never runs backwards for it.
 */
import { PermanentError, systemClock, type Clock } from '@hub/primitives';

export interface TokenBucketOptions {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** A bucket as plain data, to keep it in a database row shared by replicas. */
export interface TokenBucketRecord {
  readonly tokens: number;
  /** When `tokens` was counted (epoch ms). */
  readonly refilledAt: number;
}

export const INVALID_RATE_LIMIT = 'INVALID_RATE_LIMIT';

// Refill arithmetic in floating point can land a hair below a whole token.
const EPSILON = 1e-9;

export class TokenBucket {
  readonly ratePerSecond: number;
  readonly burst: number;
  private tokens: number;
  private updatedAt: number;

  constructor(
    options: TokenBucketOptions,
    private readonly clock: Clock = systemClock,
  ) {
    const { ratePerSecond, burst } = options;
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
      throw new PermanentError(
        INVALID_RATE_LIMIT,
        `ratePerSecond must be a positive number, got ${ratePerSecond}`,
      );
    }
    if (!(burst >= 1) || !Number.isFinite(burst)) {
      throw new PermanentError(INVALID_RATE_LIMIT, `burst must be >= 1, got ${burst}`);
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.tokens = burst;
    this.updatedAt = clock.now();
  }

  /** The bucket `record` was taken from (its tokens, not a full one). */
  static restore(
    record: TokenBucketRecord,
    options: TokenBucketOptions,
    clock: Clock = systemClock,
  ): TokenBucket {
    const bucket = new TokenBucket(options, clock);
    bucket.tokens = Math.min(options.burst, Math.max(0, record.tokens));
    bucket.updatedAt = record.refilledAt;
    return bucket;
  }

  /** What `restore` needs to give this bucket back, as counted at `at`. */
  toRecord(at: number = this.clock.now()): TokenBucketRecord {
    this.refill(at);
    return { tokens: this.tokens, refilledAt: this.updatedAt };
  }

  /** Takes up to `n` whole tokens available at `at`; returns how many it took. */
  takeUpTo(n: number, at: number = this.clock.now()): number {
    checkCount(n);
    this.refill(at);
    const taken = Math.min(n, Math.floor(this.tokens + EPSILON));
    this.tokens = Math.max(0, this.tokens - taken);
    return taken;
  }

  /** Gives back `n` tokens taken but not used (never above the burst). */
  giveBack(n: number): void {
    this.tokens = Math.min(this.burst, this.tokens + n);
  }

  /** Tokens available at `at` (fractional). */
  available(at: number = this.clock.now()): number {
    this.refill(at);
    return this.tokens;
  }

  /** Takes `n` tokens if all are available at `at`; never takes part of them. */
  tryTake(n = 1, at: number = this.clock.now()): boolean {
    checkCount(n);
    this.refill(at);
    if (this.tokens + EPSILON < n) return false;
    this.tokens = Math.max(0, this.tokens - n);
    return true;
  }

  /** Ms from `at` until `n` tokens are available: 0 if now, Infinity if n > burst. */
  msUntilAvailable(n = 1, at: number = this.clock.now()): number {
    checkCount(n);
    if (n > this.burst) return Infinity;
    this.refill(at);
    const missing = n - this.tokens;
    return missing <= EPSILON ? 0 : Math.ceil((missing * 1000) / this.ratePerSecond);
  }

  private refill(at: number): void {
    if (at <= this.updatedAt) return;
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((at - this.updatedAt) * this.ratePerSecond) / 1000,
    );
    this.updatedAt = at;
  }
}

function checkCount(n: number): void {
  if (!(n > 0) || !Number.isFinite(n)) {
    throw new PermanentError(INVALID_RATE_LIMIT, `token count must be a positive number, got ${n}`);
  }
}
