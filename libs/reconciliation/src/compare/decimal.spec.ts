import { normalizeDecimal, sameDecimal, sameQuantity } from './decimal';

describe('decimal comparison', () => {
  it.each([
    ['5', '5'],
    ['5.000', '5'],
    ['-0005.500', '-5.5'],
    ['-0.000', '0'],
    ['.5', '0.5'],
    ['12.', '12'],
    [0.1, '0.1'],
  ])('%p is %p', (input, expected) => {
    expect(normalizeDecimal(input)).toBe(expected);
  });

  it.each(['', '.', 'abc', '1e3', '1,5', '--1'])('%p is not a decimal', (input) => {
    expect(normalizeDecimal(input)).toBeNull();
  });

  it('compares exactly, never through floating point', () => {
    expect(sameDecimal('5.000', 5)).toBe(true);
    expect(sameDecimal('0.30000000000000004', '0.3')).toBe(false);
    expect(sameDecimal('12345678901234567890.1', '12345678901234567890.10')).toBe(true);
    expect(sameDecimal('12345678901234567890.1', '12345678901234567890.2')).toBe(false);
    expect(sameDecimal('NaN', 'NaN')).toBe(false);
  });
});

describe('sameQuantity', () => {
  it('takes strings and numbers, and nothing else', () => {
    expect(sameQuantity('5.0', 5)).toBe(true);
    expect(sameQuantity({ quantity: '5' }, { quantity: '5' })).toBe(false);
    expect(sameQuantity(null, null)).toBe(false);
  });
});
