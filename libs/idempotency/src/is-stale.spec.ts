import fc from 'fast-check';
import { isStale } from './is-stale';

const tenOClock = Date.UTC(2025, 10, 27, 10, 0, 0);
const fiveMinutes = 5 * 60 * 1000;
const version = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('isStale', () => {
  it.each([
    ['nothing applied yet', tenOClock, null, false],
    ['nothing applied yet, version zero', 0, null, false],
    [
      'strictly older (a retried 10:00 after 10:05 applied)',
      tenOClock,
      tenOClock + fiveMinutes,
      true,
    ],
    ['one millisecond older', tenOClock - 1, tenOClock, true],
    ['equal (a different change in the same coarse second)', tenOClock, tenOClock, false],
    ['one millisecond newer', tenOClock + 1, tenOClock, false],
    ['newer (10:05 after 10:00 applied)', tenOClock + fiveMinutes, tenOClock, false],
    ['zero against zero', 0, 0, false],
    ['zero against anything later', 0, 1, true],
    [
      'largest safe version against itself',
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER,
      false,
    ],
  ])('%s: isStale(%p, %p) is %p', (_case, candidate, applied, expected) => {
    expect(isStale(candidate, applied)).toBe(expected);
  });

  it('is exactly "strictly older than the applied version"', () => {
    fc.assert(
      fc.property(version, version, (candidate, applied) => {
        expect(isStale(candidate, applied)).toBe(candidate < applied);
      }),
    );
  });

  it('never calls a version stale against itself, so equal versions are applied', () => {
    fc.assert(
      fc.property(version, (same) => {
        expect(isStale(same, same)).toBe(false);
      }),
    );
  });

  it('of two different versions, exactly one is stale against the other', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        fc.pre(a !== b);
        expect(isStale(a, b)).not.toBe(isStale(b, a));
      }),
    );
  });

  it('leaves the guard monotonic: applying in any order ends at the newest version', () => {
    fc.assert(
      fc.property(fc.array(version, { minLength: 1, maxLength: 30 }), (arrivals) => {
        let applied: number | null = null;
        for (const candidate of arrivals) if (!isStale(candidate, applied)) applied = candidate;
        expect(applied).toBe(Math.max(...arrivals));
      }),
    );
  });
});
