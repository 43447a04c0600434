/**
 * `stock.quant` the way Odoo 17 applies counts (stock_quant.py): inventory-mode create
 * reuses the quant of (product, location), writing `inventory_quantity` records the
 * difference, and `action_apply_inventory` answers the conflict wizard when stock moved
 * since the count instead of applying.
 */
import { odooErrors } from './odoo-errors';
import { createRecord, searchIds, writeRecords, type OrmWriteContext } from './odoo-orm';
import { requireModel } from './odoo-registry';
import { asNumber, type OdooValue, type StoredRecord } from './odoo-values';

const createAllowed = new Set([
  'product_id',
  'location_id',
  'lot_id',
  'package_id',
  'owner_id',
  'inventory_quantity',
  'inventory_date',
]);
const writeForbidden = ['product_id', 'location_id', 'lot_id', 'package_id', 'owner_id'];
/** `_get_inventory_fields_write()`: all a count write in inventory mode may carry. */
const inventoryWriteAllowed = new Set([
  'inventory_quantity',
  'inventory_diff_quantity',
  'inventory_date',
  'inventory_quantity_set',
  'is_outdated',
  'lot_id',
]);

type Vals = Readonly<Record<string, OdooValue>>;

function inventoryMode(ctx: OrmWriteContext): boolean {
  return ctx.context.inventory_mode === true;
}

export function quantCreate(ctx: OrmWriteContext, vals: Vals): number {
  if (!inventoryMode(ctx) || !('inventory_quantity' in vals))
    return createRecord(ctx, 'stock.quant', vals);
  if (Object.keys(vals).some((field) => !createAllowed.has(field)))
    throw odooErrors.user("Quant's creation is restricted, you can't do this operation.");
  const { inventory_quantity: counted = 0, ...identity } = vals;
  const existing = searchIds(
    ctx.tx,
    requireModel(ctx.tx, 'stock.quant'),
    [
      ['product_id', '=', identity.product_id ?? false],
      ['location_id', '=', identity.location_id ?? false],
      ['lot_id', '=', identity.lot_id ?? false],
      ['package_id', '=', identity.package_id ?? false],
      ['owner_id', '=', identity.owner_id ?? false],
    ],
    { limit: 1 },
  );
  const id = existing[0] ?? createRecord(ctx, 'stock.quant', identity);
  quantWrite(ctx, [id], { inventory_quantity: counted, inventory_date: ctx.tx.now().slice(0, 10) });
  return id;
}

export function quantWrite(ctx: OrmWriteContext, ids: readonly number[], vals: Vals): true {
  const countWrite =
    'inventory_quantity' in vals && Object.keys(vals).some((f) => !inventoryWriteAllowed.has(f));
  if (inventoryMode(ctx) && (writeForbidden.some((field) => field in vals) || countWrite))
    throw odooErrors.user("Quant's editing is restricted, you can't do this operation.");
  writeRecords(ctx, 'stock.quant', ids, vals);
  if ('inventory_quantity' in vals) {
    for (const id of ids) {
      const quant = ctx.tx.get('stock.quant', id) as StoredRecord;
      writeRecords(ctx, 'stock.quant', [id], {
        inventory_quantity_set: true,
        inventory_diff_quantity: asNumber(quant.inventory_quantity) - asNumber(quant.quantity),
      });
    }
  }
  return true;
}

function isOutdated(quant: StoredRecord): boolean {
  const expected = asNumber(quant.inventory_quantity) - asNumber(quant.inventory_diff_quantity);
  return (
    quant.inventory_quantity_set === true && Math.abs(expected - asNumber(quant.quantity)) > 1e-9
  );
}

/** Returns the wizard action, or undefined (Python None) when applied. */
export function quantActionApplyInventory(
  ctx: OrmWriteContext,
  ids: readonly number[],
): OdooValue | undefined {
  const quants = ids.map((id) => {
    const quant = ctx.tx.get('stock.quant', id);
    if (!quant) throw odooErrors.missing('stock.quant', [id], ctx.uid);
    return quant;
  });
  const outdated = quants.filter(isOutdated).map((quant) => quant.id);
  if (outdated.length > 0) {
    return {
      name: 'Conflict in Inventory Adjustment',
      type: 'ir.actions.act_window',
      view_mode: 'form',
      views: [[false, 'form']],
      res_model: 'stock.inventory.conflict',
      target: 'new',
      context: { ...ctx.context, default_quant_ids: [...ids], default_quant_to_fix_ids: outdated },
    };
  }
  for (const quant of quants) {
    if (quant.inventory_quantity_set !== true) continue;
    writeRecords(ctx, 'stock.quant', [quant.id], {
      quantity: asNumber(quant.quantity) + asNumber(quant.inventory_diff_quantity),
      inventory_quantity: 0,
      inventory_diff_quantity: 0,
      inventory_quantity_set: false,
    });
  }
  return undefined;
}

/** Stock arriving or leaving (a done move): the quant of (product, location) changes. */
export function addOnHand(
  ctx: OrmWriteContext,
  productId: number,
  locationId: number,
  delta: number,
): void {
  const [id] = searchIds(
    ctx.tx,
    requireModel(ctx.tx, 'stock.quant'),
    [
      ['product_id', '=', productId],
      ['location_id', '=', locationId],
      ['lot_id', '=', false],
    ],
    { limit: 1 },
  );
  if (id === undefined) {
    createRecord(ctx, 'stock.quant', {
      product_id: productId,
      location_id: locationId,
      quantity: delta,
    });
    return;
  }
  const quant = ctx.tx.get('stock.quant', id) as StoredRecord;
  writeRecords(ctx, 'stock.quant', [id], { quantity: asNumber(quant.quantity) + delta });
}
