import fc from 'fast-check';
import { formatDate, formatTimestamp, parseDate, parseTimestamp } from './timestamps';

describe('parseTimestamp', () => {
  it.each([
    ['2024-05-01T10:00:00Z', Date.UTC(2024, 4, 1, 10)],
    ['2024-05-01T10:00:00.123Z', Date.UTC(2024, 4, 1, 10, 0, 0, 123)],
    ['2024-05-01T12:00:00.5+02:00', Date.UTC(2024, 4, 1, 10, 0, 0, 500)],
    ['2024-05-01T05:30:00-04:30', Date.UTC(2024, 4, 1, 10)],
    ['2024-05-01T10:00:00.1239999Z', Date.UTC(2024, 4, 1, 10, 0, 0, 123)],
    ['2024-02-29t10:00:00z', Date.UTC(2024, 1, 29, 10)],
  ])('reads %s', (text, epochMs) => {
    expect(parseTimestamp(text)).toBe(epochMs);
  });

  it.each([
    ['no zone', '2024-05-01T10:00:00'],
    ['a date only', '2024-05-01'],
    ['Feb 30', '2024-02-30T10:00:00Z'],
    ['hour 24', '2024-05-01T24:00:00Z'],
    ['a space for T', '2024-05-01 10:00:00Z'],
    ['epoch digits', '1714550400000'],
  ])('refuses %s', (_label, text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });

  it('reads back what formatTimestamp writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        expect(parseTimestamp(formatTimestamp(ms))).toBe(ms);
      }),
    );
  });
});

describe('parseDate', () => {
  it('reads YYYY-MM-DD as days since 1970-01-01', () => {
    expect(parseDate('1970-01-01')).toBe(0);
    expect(parseDate('2024-05-20')).toBe(19_863);
  });

  it.each(['2024-13-01', '2023-02-29', '2024-5-1', '2024-05-20T00:00:00Z'])(
    'refuses %s',
    (text) => {
      expect(parseDate(text)).toBeUndefined();
    },
  );

  it('reads back what formatDate writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_932_896 }), (days) => {
        expect(parseDate(formatDate(days))).toBe(days);
      }),
    );
  });
});
