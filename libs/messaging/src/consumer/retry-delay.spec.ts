import fc from 'fast-check';
import { handlerRetryDelay } from './retry-delay';

const policy = { initialMs: 100, maxMs: 1_000 };

describe('handlerRetryDelay', () => {
  it('doubles from initialMs, up to the bound (no jitter at random = 1)', () => {
    expect(
      [1, 2, 3, 4, 5, 6].map((attempt) => handlerRetryDelay(attempt, policy, () => 1)),
    ).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('keeps at least half of the step (random = 0)', () => {
    expect([1, 2, 5].map((attempt) => handlerRetryDelay(attempt, policy, () => 0))).toEqual([
      50, 100, 500,
    ]);
  });

  it('never exceeds maxMs nor goes below half of initialMs, however many attempts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, random) => {
          const delay = handlerRetryDelay(attempt, policy, () => random);
          expect(delay).toBeGreaterThanOrEqual(50);
          expect(delay).toBeLessThanOrEqual(1_000);
        },
      ),
    );
  });
});
