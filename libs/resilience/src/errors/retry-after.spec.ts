import { parseRetryAfter } from './retry-after';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

describe('parseRetryAfter (RFC 9110 §10.2.3)', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 5 ', 5_000],
    ['007', 7_000],
  ])('reads delay-seconds %j', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it('reads an HTTP-date as the time left until it', () => {
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:00:30 GMT', NOW)).toBe(30_000);
  });

  it('reads an HTTP-date in the past as no wait at all', () => {
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:59:00 GMT', NOW)).toBe(0);
  });

  it.each([['-5'], ['1.5'], ['5s'], [''], ['soon'], ['99999999999999999999']])(
    'ignores the malformed value %j',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );

  it('ignores an absent header', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});
