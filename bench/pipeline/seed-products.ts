/**
 * The catalogue the load writes to: many products in one warehouse, seeded into the
 * simulated Odoo with the same control API as the demo's world (tools/demo/story/world.ts),
 * so every SKU the WMS names exists and the connector's lookups succeed.
 */
import type { Hub } from '@hub/demo';

export const benchWarehouse = 'WH1';

export async function seedProducts(hub: Hub, count: number): Promise<string[]> {
  const run = hub.layout.runId.toUpperCase();
  const width = String(count).length;
  const skus = Array.from(
    { length: count },
    (_, i) => `SKU-${run}-${String(i + 1).padStart(width, '0')}`,
  );
  const seeded = await hub.sim.seed({
    products: skus.map((sku, i) => ({ default_code: sku, name: `Bench product ${i + 1}` })),
    warehouses: [{ code: benchWarehouse, name: 'Bench warehouse' }],
  });
  const missing = skus.filter((sku) => seeded.products[sku] === undefined);
  if (missing.length > 0 || seeded.warehouses[benchWarehouse] === undefined) {
    throw new Error(`The simulator did not seed ${missing.length} product(s) or the warehouse`);
  }
  return skus;
}
