import { inventoryLevelReads, orChains, skusByWarehouse } from './inventory-level-reads';

describe('orChains', () => {
  const prefix = "locationFilter eq 'MAIN'";

  it('asks for every value once, in or chains on the field under the filter length', () => {
    const items = Array.from({ length: 300 }, (_, i) => `ITEM-${String(i).padStart(4, '0')}`);
    const chains = orChains(prefix, 'number', items, 1_500);

    expect(chains.length).toBeGreaterThan(1);
    expect(chains.every((chain) => chain.length <= 1_500)).toBe(true);
    expect(chains.every((chain) => chain.startsWith(`${prefix} and (number eq '`))).toBe(true);
    const asked = chains.flatMap((chain) =>
      [...chain.matchAll(/number eq '([^']*)'/g)].map((m) => m[1]),
    );
    expect(asked).toEqual(items);
  });

  it('doubles a quote in a value and makes no chain for no value', () => {
    expect(orChains(prefix, 'number', ["O'NEIL"], 1_500)).toEqual([
      `${prefix} and (number eq 'O''NEIL')`,
    ]);
    expect(orChains(prefix, 'number', [], 1_500)).toEqual([]);
  });
});

describe('inventoryLevelReads', () => {
  it('reads each warehouse once with its SKUs in order and compares quantities as decimals', async () => {
    const asked: [string, readonly string[]][] = [];
    const adapter = inventoryLevelReads((warehouse, skus) => {
      asked.push([warehouse, skus]);
      return Promise.resolve(
        new Map(skus.filter((sku) => sku !== 'GONE').map((sku) => [sku, '5.000'])),
      );
    });
    const found = await adapter.readReceiver(
      'inventory-level',
      ['B:Y', 'A:X', 'B:GONE', 'B:W', 'no-colon'],
      new AbortController().signal,
    );

    expect(asked).toEqual([
      ['B', ['GONE', 'W', 'Y']],
      ['A', ['X']],
    ]);
    expect([...found]).toEqual([
      ['B:W', '5.000'],
      ['B:Y', '5.000'],
      ['A:X', '5.000'],
    ]);
    expect(adapter.same('inventory-level', '5', '5.000')).toBe(true);
    expect(adapter.same('inventory-level', '5', '5.001')).toBe(false);
    expect(skusByWarehouse([':x'])).toEqual(new Map());
  });
});
