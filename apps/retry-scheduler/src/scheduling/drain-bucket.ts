/**
 * The drain bucket of a target lives in its breaker row, so the rate holds for all
 * replicas together (an in-process TokenBucket would give each replica the full rate).
 * Same rules as @hub/resilience's TokenBucket: continuous refill, capped at the burst,
 * time running backwards refills nothing.
 */
export interface DrainBucket {
  readonly tokens: number;
  readonly refilledAt: number;
}

export interface DrainRate {
  readonly ratePerSecond: number;
  readonly burst: number;
}

export function refill(bucket: DrainBucket, now: number, rate: DrainRate): DrainBucket {
  const elapsed = Math.max(0, now - bucket.refilledAt);
  return {
    tokens: Math.min(rate.burst, bucket.tokens + (elapsed * rate.ratePerSecond) / 1_000),
    refilledAt: Math.max(now, bucket.refilledAt),
  };
}

/** Milliseconds until one whole token is there. */
export function msUntilToken(bucket: DrainBucket, rate: DrainRate): number {
  return bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) * 1_000) / rate.ratePerSecond);
}
