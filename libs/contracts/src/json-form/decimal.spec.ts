import fc from 'fast-check';
import { normalizeDecimal } from './decimal';

describe('normalizeDecimal', () => {
  it.each([
    ['12.50', '12.5'],
    ['007', '7'],
    ['0.000', '0'],
    ['-0.0', '0'],
    ['-12.340', '-12.34'],
    ['0.10', '0.1'],
    ['100', '100'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
  ])('spells %s as %s', (text, canonical) => {
    expect(normalizeDecimal(text)).toBe(canonical);
  });

  it.each(['', '1e3', '+1', '1.', '.5', '1,5', ' 1', 'NaN', '0x10', '1.2.3'])(
    'refuses %j',
    (text) => {
      expect(normalizeDecimal(text)).toBeUndefined();
    },
  );

  it('keeps the numeric value and is idempotent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.nat({ max: 9999 }),
        fc.nat({ max: 3 }),
        (whole, fraction, zeros) => {
          const text = `${whole}.${String(fraction).padStart(4, '0')}${'0'.repeat(zeros)}`;
          const canonical = normalizeDecimal(text);
          expect(canonical).toBeDefined();
          expect(Number(canonical)).toBeCloseTo(Number(text), 6);
          expect(normalizeDecimal(canonical ?? '')).toBe(canonical);
        },
      ),
    );
  });
});
