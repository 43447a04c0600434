import fc from 'fast-check';
import { thrown } from '../testing/thrown';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[true,null]},"b":1}',
    );
  });

  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(object));
      }),
    );
  });

  it('reads back as the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it.each([
    ['NaN', Number.NaN],
    ['a Buffer', Buffer.from('x')],
    ['a Date', new Date(0)],
    ['a nested Infinity', { a: [Number.POSITIVE_INFINITY] }],
  ])('refuses %s, which JSON cannot carry faithfully', (_label, value) => {
    expect(thrown(() => canonicalJson(value))).toMatchObject({ code: 'NOT_CANONICAL_JSON' });
  });
});
