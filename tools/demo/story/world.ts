/**
 * The data the story plays with: 50 products in one warehouse and one vendor, seeded into
 * the simulated Odoo, and what the WMS (the owner of inventory) last said per SKU.
 */
import type { Hub } from '../hub/start-hub';
import type { OdooRecord, WmsEvent } from '../hub/sim-client';

export interface PurchaseOrderInfo {
  readonly id: number;
  readonly name: string;
  readonly lines: readonly { id: number; sku: string; quantity: number }[];
}

export interface StoryWorld {
  readonly hub: Hub;
  readonly skus: readonly string[];
  readonly warehouse: string;
  readonly stockLocationId: number;
  readonly receiptTypeId: number;
  readonly partnerId: number;
  readonly productIds: ReadonlyMap<string, number>;
  /** The WMS's current level per SKU: the truth Odoo must end up equal to. */
  readonly wmsLevels: Map<string, number>;
  readonly purchaseOrders: Map<string, PurchaseOrderInfo>;
}

export const skuCount = 50;

export async function seedWorld(hub: Hub): Promise<StoryWorld> {
  const run = hub.layout.runId.toUpperCase();
  const skus = Array.from(
    { length: skuCount },
    (_, i) => `SKU-${run}-${String(i + 1).padStart(3, '0')}`,
  );
  const warehouse = 'WH1';
  const seeded = await hub.sim.seed({
    products: skus.map((sku, i) => ({ default_code: sku, name: `Product ${i + 1}` })),
    warehouses: [{ code: warehouse, name: 'Main warehouse' }],
    partners: [{ name: 'Acme Supplies', ref: 'V-300' }],
  });
  const location = seeded.warehouses[warehouse];
  const partnerId = seeded.partners['V-300'] ?? seeded.partners['Acme Supplies'];
  if (!location || partnerId === undefined)
    throw new Error('The simulator did not seed the warehouse or the vendor');
  return {
    hub,
    skus,
    warehouse,
    stockLocationId: location.lotStockId,
    receiptTypeId: location.receiptTypeId,
    partnerId,
    productIds: new Map(Object.entries(seeded.products)),
    wmsLevels: new Map(),
    purchaseOrders: new Map(),
  };
}

export function inventoryEvent(world: StoryWorld, sku: string, quantity: number): WmsEvent {
  world.wmsLevels.set(sku, quantity);
  return {
    type: 'inventory-level.changed',
    data: {
      sku,
      warehouse: world.warehouse,
      quantityOnHand: quantity.toFixed(2),
      unitOfMeasure: 'PCS',
      asOf: new Date().toISOString(),
    },
  };
}

/** Odoo's on-hand quantity per SKU at the warehouse's stock location. */
export async function odooLevels(world: StoryWorld): Promise<Map<string, number>> {
  const quants = await world.hub.sim.records('stock.quant', [
    ['location_id', '=', world.stockLocationId],
  ]);
  const skuById = new Map([...world.productIds].map(([sku, id]) => [id, sku]));
  const levels = new Map<string, number>();
  for (const quant of quants) {
    const sku = skuById.get(Number(quant.product_id));
    if (sku !== undefined) levels.set(sku, (levels.get(sku) ?? 0) + Number(quant.quantity));
  }
  return levels;
}

/** SKUs (of `skus`) whose Odoo quantity differs from the WMS's. */
export async function mismatches(world: StoryWorld, skus: readonly string[]): Promise<string[]> {
  const levels = await odooLevels(world);
  return skus.filter((sku) => {
    const odoo = levels.get(sku);
    const wms = world.wmsLevels.get(sku);
    return odoo === undefined || wms === undefined || Math.abs(odoo - wms) > 1e-6;
  });
}

/** Odoo confirms a purchase order, as a buyer would (create, then Confirm Order). */
export async function confirmPurchaseOrder(
  world: StoryWorld,
  name: string,
  lines: readonly { sku: string; quantity: number; price: number }[],
): Promise<PurchaseOrderInfo> {
  const { sim } = world.hub;
  const id = await sim.execute<number>('purchase.order', 'create', [
    {
      name,
      partner_id: world.partnerId,
      picking_type_id: world.receiptTypeId,
      order_line: lines.map((line) => [
        0,
        0,
        {
          product_id: world.productIds.get(line.sku),
          product_qty: line.quantity,
          price_unit: line.price,
        },
      ]),
    },
  ]);
  await sim.execute('purchase.order', 'button_confirm', [[id]]);
  const stored = await sim.records('purchase.order.line', [['order_id', '=', id]]);
  const info: PurchaseOrderInfo = {
    id,
    name,
    lines: stored.map((line: OdooRecord) => {
      const sku =
        [...world.productIds].find(([, productId]) => productId === Number(line.product_id))?.[0] ??
        '?';
      return { id: line.id, sku, quantity: Number(line.product_qty) };
    }),
  };
  world.purchaseOrders.set(name, info);
  return info;
}

export function goodsReceiptEvent(
  world: Pick<StoryWorld, 'warehouse'>,
  receiptId: string,
  poName: string,
  lines: readonly { poLineNumber: number; sku: string; quantity: number }[],
): WmsEvent {
  return {
    type: 'goods-receipt.recorded',
    data: {
      receiptId,
      poNumber: poName,
      warehouse: world.warehouse,
      receivedAt: new Date().toISOString(),
      lines: lines.map((line) => ({
        poLineNumber: line.poLineNumber,
        sku: line.sku,
        quantityReceived: line.quantity.toFixed(2),
        unitOfMeasure: 'PCS',
      })),
    },
  };
}

/** Pickings of a PO and whether each is done. */
export async function receiptsOf(world: StoryWorld, poId: number): Promise<OdooRecord[]> {
  return world.hub.sim.records('stock.picking', [['purchase_id', '=', poId]]);
}

export async function wmsPurchaseOrderDeliveries(
  world: StoryWorld,
  poName: string,
): Promise<number> {
  const deliveries = await world.hub.sim.wmsDeliveries();
  return deliveries.filter((delivery) => delivery.body.data?.poNumber === poName).length;
}
