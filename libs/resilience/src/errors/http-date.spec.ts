import { parseHttpDate } from './http-date';

const NOW = Date.UTC(2025, 5, 1);
// RFC 9110 §5.6.7's example instant, in all three formats.
const EXAMPLE = Date.UTC(1994, 10, 6, 8, 49, 37);

describe('parseHttpDate (RFC 9110 §5.6.7)', () => {
  it.each([
    ['IMF-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT'],
    ['rfc850-date', 'Sunday, 06-Nov-94 08:49:37 GMT'],
    ['asctime-date, one-digit day', 'Sun Nov  6 08:49:37 1994'],
  ])('reads the %s format as UTC', (_format, text) => {
    expect(parseHttpDate(text, NOW)).toBe(EXAMPLE);
  });

  it('reads an asctime date with a two-digit day', () => {
    expect(parseHttpDate('Thu Nov 27 01:02:03 2025', NOW)).toBe(Date.UTC(2025, 10, 27, 1, 2, 3));
  });

  it.each([
    // now, two-digit year, expected year: more than 50 years ahead means the century before.
    [Date.UTC(2025, 0, 1), '30', 2030],
    [Date.UTC(2025, 0, 1), '75', 2075],
    [Date.UTC(2025, 0, 1), '76', 1976],
    [Date.UTC(2040, 0, 1), '90', 2090],
    [Date.UTC(2040, 0, 1), '91', 1991],
    [Date.UTC(2060, 0, 1), '05', 2005],
  ])('reads rfc850 two-digit years relative to now (%#)', (now, yy, year) => {
    const parsed = parseHttpDate(`Monday, 01-Jan-${yy} 00:00:00 GMT`, now);

    expect(parsed === undefined ? undefined : new Date(parsed).getUTCFullYear()).toBe(year);
  });

  it('reads a leap second at the end of a month as the next second', () => {
    expect(parseHttpDate('Sat, 31 Dec 2016 23:59:60 GMT', NOW)).toBe(Date.UTC(2017, 0, 1));
  });

  it.each([
    ['a day that does not exist', 'Fri, 31 Feb 2025 10:00:00 GMT'],
    ['an hour past 23', 'Sun, 06 Nov 1994 24:00:00 GMT'],
    ['a zone other than GMT', 'Sun, 06 Nov 1994 08:49:37 UTC'],
    ['lower-case names (the grammar is case-sensitive)', 'sun, 06 nov 1994 08:49:37 gmt'],
    ['a one-digit day in IMF-fixdate', 'Sun, 6 Nov 1994 08:49:37 GMT'],
    ['an ISO timestamp', '1994-11-06T08:49:37Z'],
    ['a number', '120'],
    ['nothing', ''],
  ])('rejects %s', (_case, text) => {
    expect(parseHttpDate(text, NOW)).toBeUndefined();
  });
});
