/**
 * The receiver delta (L2) of Odoo's stock: the quants written at or after a time at a
 * warehouse's stock location, oldest first (`write_date`, whole seconds, naive UTC), turned
 * into the inventory level keys they belong to (`<warehouse>:<sku>`). A quant changes when
 * anyone changes stock: the hub's own writes, an Odoo user's inventory adjustment, a
 * validated transfer (stock.move done), a restore. Three calls: the warehouses, the quants,
 * their products; the values then come from the same read as L3's.
 */
import type { OdooClient } from '../odoo/odoo-client';
import { formatOdooDateTime, many2oneId, parseOdooDateTime } from '../odoo/odoo-values';

export interface QuantChanges {
  readonly keys: readonly string[];
  /** The newest write_date among the quants read (epoch ms); `since` when none. */
  readonly until: number;
  readonly calls: number;
}

export async function quantChangesSince(
  client: OdooClient,
  since: number,
  limit: number,
  signal: AbortSignal,
): Promise<QuantChanges> {
  const warehouses = await client.searchRead(
    'stock.warehouse',
    [],
    ['code', 'lot_stock_id'],
    signal,
  );
  const warehouseAt = new Map<number, string>();
  for (const warehouse of warehouses) {
    const location = many2oneId(warehouse.lot_stock_id);
    if (location !== undefined && typeof warehouse.code === 'string')
      warehouseAt.set(location, warehouse.code);
  }
  if (warehouseAt.size === 0) return { keys: [], until: since, calls: 1 };
  const quants = await client.searchRead(
    'stock.quant',
    [
      ['write_date', '>=', formatOdooDateTime(since)],
      ['location_id', 'in', [...warehouseAt.keys()]],
    ],
    ['product_id', 'location_id', 'write_date'],
    signal,
    { order: 'write_date asc, id asc', limit },
  );
  if (quants.length === 0) return { keys: [], until: since, calls: 2 };
  const products = await client.searchRead(
    'product.product',
    [['id', 'in', [...new Set(quants.map((quant) => many2oneId(quant.product_id) ?? -1))]]],
    ['default_code'],
    signal,
  );
  const skuOf = new Map<number, string>();
  for (const product of products)
    if (typeof product.id === 'number' && typeof product.default_code === 'string')
      skuOf.set(product.id, product.default_code);
  const keys = new Set<string>();
  let until = since;
  for (const quant of quants) {
    until = Math.max(until, parseOdooDateTime(quant.write_date) ?? since);
    const warehouse = warehouseAt.get(many2oneId(quant.location_id) ?? -1);
    const sku = skuOf.get(many2oneId(quant.product_id) ?? -1);
    // A product without an Internal Reference has no key the hub could know.
    if (warehouse !== undefined && sku !== undefined) keys.add(`${warehouse}:${sku}`);
  }
  return { keys: [...keys], until, calls: 3 };
}
