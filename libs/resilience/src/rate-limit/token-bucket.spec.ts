import { TokenBucket } from './token-bucket';
import { caught } from '../testing/spec-helpers';

function bucketAt0(ratePerSecond: number, burst: number): TokenBucket {
  return new TokenBucket({ ratePerSecond, burst }, { now: () => 0 });
}

describe('TokenBucket', () => {
  it('starts full and allows a burst, then refuses', () => {
    const bucket = bucketAt0(1, 3);

    expect([1, 2, 3, 4].map(() => bucket.tryTake(1, 0))).toEqual([true, true, true, false]);
  });

  it('refills continuously at the rate', () => {
    const bucket = bucketAt0(2, 4);
    bucket.tryTake(4, 0);

    expect(bucket.tryTake(1, 499)).toBe(false);
    expect(bucket.tryTake(1, 500)).toBe(true);
    expect(bucket.available(1_250)).toBeCloseTo(1.5, 9);
  });

  it('never holds more than the burst', () => {
    const bucket = bucketAt0(100, 5);

    expect(bucket.available(3_600_000)).toBe(5);
  });

  it('supports fractional rates: 0.5 per second is one token every 2 s', () => {
    const bucket = bucketAt0(0.5, 1);
    bucket.tryTake(1, 0);

    expect(bucket.msUntilAvailable(1, 0)).toBe(2_000);
    expect(bucket.tryTake(1, 1_999)).toBe(false);
    expect(bucket.tryTake(1, 2_000)).toBe(true);
  });

  it('rounds the wait up to a whole millisecond that is enough', () => {
    const bucket = bucketAt0(3, 1);
    bucket.tryTake(1, 0);

    expect(bucket.msUntilAvailable(1, 0)).toBe(334);
    expect(bucket.tryTake(1, 333)).toBe(false);
    expect(bucket.tryTake(1, 334)).toBe(true);
  });

  it('finds the computed wait enough despite floating-point refill error', () => {
    // A case fast-check found where the refilled amount lands a hair below n.
    const bucket = bucketAt0(0.010000000000000026, 22);
    bucket.tryTake(22, 0);
    const n = 22 * 0.010000000000000028;

    expect(bucket.tryTake(n, 8_736 + bucket.msUntilAvailable(n, 8_736))).toBe(true);
  });

  it('says 0 when tokens are there and Infinity when more than the burst is asked', () => {
    const bucket = bucketAt0(1, 2);

    expect(bucket.msUntilAvailable(2, 0)).toBe(0);
    expect(bucket.msUntilAvailable(3, 0)).toBe(Infinity);
    expect(bucket.tryTake(3, 1_000_000)).toBe(false);
  });

  it('takes all or nothing', () => {
    const bucket = bucketAt0(1, 4);
    bucket.tryTake(2, 0);

    expect(bucket.tryTake(3, 0)).toBe(false);
    expect(bucket.available(0)).toBe(2);
  });

  it('neither refills nor loses tokens when time runs backwards', () => {
    const bucket = bucketAt0(1, 2);
    bucket.tryTake(2, 10_000);

    expect(bucket.available(5_000)).toBe(0);
    expect(bucket.available(10_500)).toBeCloseTo(0.5, 9);
  });

  it('reads the injected clock when no time is given', () => {
    let now = 1_000;
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 1 }, { now: () => now });

    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    now = 2_000;
    expect(bucket.tryTake()).toBe(true);
  });

  it.each([
    [{ ratePerSecond: 0, burst: 1 }, 'ratePerSecond must be a positive number'],
    [
      { ratePerSecond: Number.POSITIVE_INFINITY, burst: 1 },
      'ratePerSecond must be a positive number',
    ],
    [{ ratePerSecond: 1, burst: 0.5 }, 'burst must be >= 1'],
  ])('rejects %j', (options, message) => {
    expect(() => new TokenBucket(options)).toThrow(message);
    expect(caught(() => new TokenBucket(options))).toMatchObject({ code: 'INVALID_RATE_LIMIT' });
  });

  it.each([[0], [-1], [Number.NaN]])('rejects taking %d tokens', (n) => {
    expect(caught(() => bucketAt0(1, 1).tryTake(n, 0))).toMatchObject({
      code: 'INVALID_RATE_LIMIT',
    });
  });

  describe('kept as a record (a database row shared by replicas)', () => {
    const rate = { ratePerSecond: 20, burst: 2 };

    it('refills a restored bucket continuously up to the burst', () => {
      expect(
        TokenBucket.restore({ tokens: 0, refilledAt: 0 }, rate).toRecord(25).tokens,
      ).toBeCloseTo(0.5);
      expect(TokenBucket.restore({ tokens: 0, refilledAt: 0 }, rate).toRecord(10_000).tokens).toBe(
        2,
      );
      expect(TokenBucket.restore({ tokens: 1, refilledAt: 100 }, rate).toRecord(50)).toEqual({
        tokens: 1,
        refilledAt: 100,
      });
    });

    it('says how long until the next whole token', () => {
      expect(TokenBucket.restore({ tokens: 0.5, refilledAt: 0 }, rate).msUntilAvailable(1, 0)).toBe(
        25,
      );
      expect(TokenBucket.restore({ tokens: 1.2, refilledAt: 0 }, rate).msUntilAvailable(1, 0)).toBe(
        0,
      );
    });

    it('takes the whole tokens there are, up to what is asked, and takes back what was not used', () => {
      const bucket = TokenBucket.restore({ tokens: 1.5, refilledAt: 0 }, rate);
      expect(bucket.takeUpTo(100, 0)).toBe(1);
      expect(bucket.takeUpTo(100, 0)).toBe(0);
      bucket.giveBack(5);
      expect(bucket.toRecord(0)).toEqual({ tokens: 2, refilledAt: 0 });
    });
  });
});
