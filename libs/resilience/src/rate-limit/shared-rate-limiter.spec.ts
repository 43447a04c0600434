import { SharedRateLimiter, defaultBatch, type SharedTokens } from './shared-rate-limiter';
import type { Sleep } from './take';

/** The shared bucket as the database row does it: continuous refill, burst cap, all or nothing. */
function memoryBucket(ratePerSecond: number, burst: number): SharedTokens & { trips: number } {
  let tokens = burst;
  let refilledAt = 0;
  const bucket = {
    trips: 0,
    take(n: number, at: number) {
      bucket.trips += 1;
      const available = Math.min(
        burst,
        tokens + (Math.max(0, at - refilledAt) * ratePerSecond) / 1_000,
      );
      const granted = available + 1e-9 >= n ? n : 0;
      tokens = Math.max(0, available - granted);
      refilledAt = Math.max(refilledAt, at);
      return Promise.resolve({ granted, left: tokens });
    },
  };
  return bucket;
}

/** One clock for every limiter; it moves only when someone sleeps. */
function fakeTime(): { clock: { now(): number }; sleep: Sleep } {
  let now = 0;
  return {
    clock: { now: () => now },
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  };
}

describe('SharedRateLimiter', () => {
  const rate = { ratePerSecond: 20, burst: 4 };

  it('keeps two processes on one bucket to burst + rate x time together', async () => {
    const time = fakeTime();
    const shared = memoryBucket(rate.ratePerSecond, rate.burst);
    const limiters = [1, 2].map(
      () => new SharedRateLimiter({ ...rate, sleep: time.sleep }, shared, time.clock),
    );
    let calls = 0;
    for (let round = 0; round < 200; round += 1)
      for (const limiter of limiters) {
        await limiter.acquire();
        calls += 1;
      }
    const batch = defaultBatch(rate);
    expect(calls).toBeLessThanOrEqual(rate.burst + (rate.ratePerSecond * time.clock.now()) / 1_000);
    // Held batches aside, the two together get the whole rate, not half of it each.
    expect(calls).toBeGreaterThanOrEqual(
      (rate.ratePerSecond * time.clock.now()) / 1_000 - 2 * batch,
    );
  });

  it('gives one process alone the whole rate, one round trip per batch', async () => {
    const time = fakeTime();
    const shared = memoryBucket(100, 10);
    const limiter = new SharedRateLimiter(
      { ratePerSecond: 100, burst: 10, sleep: time.sleep },
      shared,
      time.clock,
    );
    for (let call = 0; call < 510; call += 1) await limiter.acquire();
    // 10 at once, then 500 at 100/s.
    expect(time.clock.now()).toBeGreaterThanOrEqual(4_900);
    expect(time.clock.now()).toBeLessThanOrEqual(5_200);
    // At most a refused and a granted take per batch of 10, never one per call.
    expect(shared.trips).toBeLessThanOrEqual(2 * 51 + 1);
  });

  it('lets concurrent callers share one round trip', async () => {
    const shared = memoryBucket(100, 10);
    const limiter = new SharedRateLimiter({ ratePerSecond: 100, burst: 10 }, shared, {
      now: () => 0,
    });
    await Promise.all(Array.from({ length: 8 }, () => limiter.acquire()));
    expect(shared.trips).toBe(1);
  });

  it('rejects when the shared bucket fails, and on abort', async () => {
    const failing: SharedTokens = { take: () => Promise.reject(new Error('db down')) };
    const limiter = new SharedRateLimiter(rate, failing, { now: () => 0 });
    await expect(limiter.acquire()).rejects.toThrow('db down');
    const aborted = new SharedRateLimiter(rate, memoryBucket(20, 4), { now: () => 0 });
    await expect(aborted.acquire(AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('takes a tenth of a second of tokens at once, within the burst', () => {
    expect(defaultBatch({ ratePerSecond: 20, burst: 20 })).toBe(2);
    expect(defaultBatch({ ratePerSecond: 1_000, burst: 20 })).toBe(20);
    expect(defaultBatch({ ratePerSecond: 0.5, burst: 1 })).toBe(1);
  });
});
