import fc from 'fast-check';
import { TokenBucket } from './token-bucket';
import { assertProperty } from '../testing/spec-helpers';

const buckets = fc.record({
  ratePerSecond: fc.double({ min: 0.01, max: 1_000, noNaN: true }),
  burst: fc.integer({ min: 1, max: 50 }),
});

describe('TokenBucket, for any rate and burst', () => {
  it('never grants more than burst + rate x elapsed time', () => {
    assertProperty(
      fc.property(
        buckets,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 1, max: 5 }))),
        (options, requests) => {
          const bucket = new TokenBucket(options, { now: () => 0 });
          let at = 0;
          let granted = 0;
          for (const [step, n] of requests) {
            at += step;
            if (bucket.tryTake(n, at)) granted += n;
          }
          return granted <= options.burst + (options.ratePerSecond * at) / 1000 + 1e-6;
        },
      ),
    );
  });

  it('grants n tokens once msUntilAvailable(n) has passed', () => {
    assertProperty(
      fc.property(
        buckets,
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (options, at, share) => {
          const bucket = new TokenBucket(options, { now: () => 0 });
          bucket.tryTake(options.burst, 0);
          const n = Math.max(0.01, options.burst * share);
          const wait = bucket.msUntilAvailable(n, at);
          return bucket.tryTake(n, at + wait);
        },
      ),
    );
  });
});
