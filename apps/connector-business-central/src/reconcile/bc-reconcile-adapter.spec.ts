import { MAX_FILTER_LENGTH, numberChains } from './bc-reconcile-adapter';

describe('numberChains', () => {
  const prefix = "locationFilter eq 'MAIN'";

  it('asks for every item once, in or chains on number under the filter length', () => {
    const items = Array.from({ length: 300 }, (_, i) => `ITEM-${String(i).padStart(4, '0')}`);
    const chains = numberChains(prefix, items);

    expect(chains.length).toBeGreaterThan(1);
    expect(chains.every((chain) => chain.length <= MAX_FILTER_LENGTH)).toBe(true);
    expect(chains.every((chain) => chain.startsWith(`${prefix} and (number eq '`))).toBe(true);
    const asked = chains.flatMap((chain) =>
      [...chain.matchAll(/number eq '([^']*)'/g)].map((m) => m[1]),
    );
    expect(asked).toEqual(items);
  });

  it('doubles a quote in an item number and makes no chain for no item', () => {
    expect(numberChains(prefix, ["O'NEIL"])).toEqual([`${prefix} and (number eq 'O''NEIL')`]);
    expect(numberChains(prefix, [])).toEqual([]);
  });
});
