/** Base data of a fresh database and the seed format tests use to add their own. */
import { purchaseButtonConfirm } from './business-purchase';
import { addOnHand } from './business-quant';
import { createCustomField, seedIrModels } from './custom-fields';
import { odooErrors } from './odoo-errors';
import { createRecord, writeRecords, type OrmWriteContext } from './odoo-orm';
import type { CustomFieldDef } from './odoo-registry';
import type { OdooStore } from './odoo-store';
import type { OdooValue } from './odoo-values';

export interface OdooSeed {
  readonly products?: readonly { id?: number; default_code: string; name: string; uom?: string }[];
  readonly warehouses?: readonly { code: string; name?: string }[];
  readonly partners?: readonly { id?: number; name: string; ref?: string }[];
  readonly quants?: readonly { default_code: string; warehouse: string; quantity: number }[];
  readonly purchaseOrders?: readonly SeedPurchaseOrder[];
  /** Custom fields to create first (as `create` on `ir.model.fields` would), e.g. `hubCorrelationFields`. */
  readonly customFields?: readonly CustomFieldDef[];
}

export interface SeedPurchaseOrder {
  readonly name?: string;
  /** Partner name or ref. */
  readonly partner: string;
  readonly warehouse?: string;
  readonly partner_ref?: string;
  readonly origin?: string;
  readonly currency?: string;
  readonly date_planned?: string;
  readonly confirm?: boolean;
  readonly lines: readonly {
    default_code: string;
    product_qty: number;
    price_unit?: number;
    uom?: string;
  }[];
}

export interface SeedResult {
  products: Record<string, number>;
  warehouses: Record<string, { id: number; lotStockId: number; receiptTypeId: number }>;
  partners: Record<string, number>;
  purchaseOrders: Record<string, number>;
}

function createAt(
  ctx: OrmWriteContext,
  store: OdooStore,
  model: string,
  id: number,
  vals: Record<string, OdooValue>,
): number {
  store.reserveId(model, id - 1);
  return createRecord(ctx, model, vals);
}

export function seedBaseData(ctx: OrmWriteContext, store: OdooStore): void {
  createAt(ctx, store, 'res.currency', 1, { name: 'EUR', symbol: '€' });
  createAt(ctx, store, 'res.currency', 2, { name: 'USD', symbol: '$' });
  createAt(ctx, store, 'uom.uom', 1, { name: 'Units' });
  createAt(ctx, store, 'uom.uom', 12, { name: 'kg' });
  createAt(ctx, store, 'res.partner', 1, { name: 'YourCompany', is_company: true });
  createAt(ctx, store, 'stock.location', 1, { name: 'Physical Locations', usage: 'view' });
  createAt(ctx, store, 'stock.location', 2, { name: 'Partners', usage: 'view' });
  createAt(ctx, store, 'stock.location', 3, { name: 'Virtual Locations', usage: 'view' });
  createAt(ctx, store, 'stock.location', 4, { name: 'Vendors', usage: 'supplier', location_id: 2 });
  createAt(ctx, store, 'stock.location', 5, {
    name: 'Customers',
    usage: 'customer',
    location_id: 2,
  });
  store.reserveId('stock.location', 6);
  addWarehouse(ctx, 'WH', 'YourCompany');
  store.reserveId('stock.location', 13);
  createAt(ctx, store, 'stock.location', 14, {
    name: 'Inventory adjustment',
    usage: 'inventory',
    location_id: 3,
  });
  seedIrModels(ctx);
}

function addWarehouse(
  ctx: OrmWriteContext,
  code: string,
  name: string,
): SeedResult['warehouses'][string] {
  // Seeding an existing code (e.g. the default WH) reuses it, as Odoo's unique code constraint would demand.
  const existing = ctx.tx.all('stock.warehouse').find((w) => w.code === code);
  if (existing !== undefined)
    return {
      id: existing.id,
      lotStockId: Number(many2oneId(existing['lot_stock_id'])),
      receiptTypeId: Number(many2oneId(existing['in_type_id'])),
    };
  const view = createRecord(ctx, 'stock.location', { name: code, usage: 'view', location_id: 1 });
  const stock = createRecord(ctx, 'stock.location', {
    name: 'Stock',
    usage: 'internal',
    location_id: view,
  });
  const id = createRecord(ctx, 'stock.warehouse', {
    name,
    code,
    lot_stock_id: stock,
    view_location_id: view,
  });
  const receiptTypeId = createRecord(ctx, 'stock.picking.type', {
    name: 'Receipts',
    code: 'incoming',
    sequence_code: 'IN',
    warehouse_id: id,
    default_location_src_id: 4,
    default_location_dest_id: stock,
  });
  writeRecords(ctx, 'stock.warehouse', [id], { in_type_id: receiptTypeId });
  writeRecords(ctx, 'stock.location', [view, stock], { warehouse_id: id });
  return { id, lotStockId: stock, receiptTypeId };
}

function many2oneId(value: OdooValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  return undefined;
}

function findId(
  ctx: OrmWriteContext,
  model: string,
  test: (r: Readonly<Record<string, OdooValue>>) => boolean,
  what: string,
): number {
  const found = ctx.tx.all(model).find(test);
  if (!found) throw odooErrors.value(`seed: unknown ${what}`);
  return found.id;
}

function uomId(ctx: OrmWriteContext, name: string | undefined): number {
  if (name === undefined) return 1;
  return (
    ctx.tx.all('uom.uom').find((u) => u.name === name)?.id ?? createRecord(ctx, 'uom.uom', { name })
  );
}

export function warehouseByCode(
  ctx: OrmWriteContext,
  code: string,
): Readonly<Record<string, OdooValue>> & { id: number } {
  const warehouse = ctx.tx.all('stock.warehouse').find((w) => w.code === code);
  if (!warehouse) throw odooErrors.value(`seed: unknown warehouse ${code}`);
  return warehouse;
}

/**
 * Stock on hand, as done moves would leave it: the products, warehouses and quants are
 * looked up once per seed (not once per quant), so seeding 100,000 quants stays linear.
 */
function seedQuants(ctx: OrmWriteContext, quants: NonNullable<OdooSeed['quants']>): void {
  if (quants.length === 0) return;
  const products = new Map<string, number>();
  for (const { id, default_code: code } of ctx.tx.all('product.product'))
    if (typeof code === 'string' && !products.has(code)) products.set(code, id);
  const existing = new Map<string, number>();
  for (const { id, product_id, location_id, lot_id } of ctx.tx.all('stock.quant'))
    if (typeof product_id === 'number' && typeof location_id === 'number' && !lot_id)
      existing.set(`${String(product_id)}@${String(location_id)}`, id);
  for (const q of quants) {
    const location = warehouseByCode(ctx, q.warehouse).lot_stock_id;
    const product = products.get(q.default_code);
    if (product === undefined) throw odooErrors.value(`seed: unknown product ${q.default_code}`);
    if (typeof location !== 'number') continue;
    const key = `${String(product)}@${String(location)}`;
    const id = existing.get(key);
    if (id === undefined)
      existing.set(
        key,
        createRecord(ctx, 'stock.quant', {
          product_id: product,
          location_id: location,
          quantity: q.quantity,
        }),
      );
    else addOnHand(ctx, product, location, q.quantity);
  }
}

export function applySeed(ctx: OrmWriteContext, store: OdooStore, seed: OdooSeed): SeedResult {
  const result: SeedResult = { products: {}, warehouses: {}, partners: {}, purchaseOrders: {} };
  for (const field of seed.customFields ?? []) createCustomField(ctx, field);
  for (const w of seed.warehouses ?? [])
    result.warehouses[w.code] = addWarehouse(ctx, w.code, w.name ?? w.code);
  for (const p of seed.partners ?? []) {
    if (p.id !== undefined) store.reserveId('res.partner', p.id - 1);
    result.partners[p.ref ?? p.name] = createRecord(ctx, 'res.partner', {
      name: p.name,
      ref: p.ref ?? false,
      is_company: true,
      supplier_rank: 1,
    });
  }
  for (const p of seed.products ?? []) {
    if (p.id !== undefined) store.reserveId('product.product', p.id - 1);
    const uom = uomId(ctx, p.uom);
    result.products[p.default_code] = createRecord(ctx, 'product.product', {
      name: p.name,
      default_code: p.default_code,
      uom_id: uom,
      uom_po_id: uom,
    });
  }
  const productId = (code: string): number =>
    findId(ctx, 'product.product', (r) => r.default_code === code, `product ${code}`);
  seedQuants(ctx, seed.quants ?? []);
  for (const po of seed.purchaseOrders ?? []) {
    const partner = findId(
      ctx,
      'res.partner',
      (r) => r.name === po.partner || r.ref === po.partner,
      `partner ${po.partner}`,
    );
    const type =
      po.warehouse === undefined ? undefined : warehouseByCode(ctx, po.warehouse).in_type_id;
    const currency =
      po.currency === undefined
        ? 1
        : findId(ctx, 'res.currency', (r) => r.name === po.currency, `currency ${po.currency}`);
    const vals: Record<string, OdooValue> = {
      partner_id: partner,
      currency_id: currency,
      partner_ref: po.partner_ref ?? false,
      origin: po.origin ?? false,
      order_line: po.lines.map((line) => [
        0,
        0,
        {
          product_id: productId(line.default_code),
          product_qty: line.product_qty,
          price_unit: line.price_unit ?? 0,
          product_uom: uomId(ctx, line.uom),
        },
      ]),
    };
    if (po.name !== undefined) vals.name = po.name;
    if (po.date_planned !== undefined) vals.date_planned = po.date_planned;
    if (typeof type === 'number') vals.picking_type_id = type;
    const id = createRecord(ctx, 'purchase.order', vals);
    if (po.confirm === true) purchaseButtonConfirm(ctx, [id]);
    const created = ctx.tx.get('purchase.order', id);
    result.purchaseOrders[typeof created?.name === 'string' ? created.name : String(id)] = id;
  }
  return result;
}
