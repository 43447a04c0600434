/** Reads purchase orders with everything the canonical form needs, batched: one call per model per page. */
import type { SourceRecord } from '@hub/connector-runtime';
import type { OdooClient } from '../odoo/odoo-client';
import { idList, many2oneId, numberOf, text, type OdooRecord } from '../odoo/odoo-values';
import { PO_LINE_FIELDS, mapPurchaseOrder } from './purchase-order-mapping';
import type { OdooReadSettings } from './read-settings';

function unique(ids: readonly (number | undefined)[]): number[] {
  return [...new Set(ids.filter((id): id is number => id !== undefined))];
}

export async function loadPurchaseOrders(
  client: OdooClient,
  settings: OdooReadSettings,
  orders: readonly OdooRecord[],
  signal: AbortSignal,
): Promise<SourceRecord[]> {
  if (orders.length === 0) return [];
  const lines = await client.read(
    'purchase.order.line',
    unique(orders.flatMap((order) => idList(order.order_line))),
    PO_LINE_FIELDS,
    signal,
  );
  const products = await client.read(
    'product.product',
    unique(lines.map((line) => many2oneId(line.product_id))),
    ['default_code'],
    signal,
  );
  const vendors = await client.read(
    'res.partner',
    unique(orders.map((order) => many2oneId(order.partner_id))),
    ['ref'],
    signal,
  );
  const skuByProductId = new Map(products.map((p) => [numberOf(p.id), text(p.default_code)]));
  const vendorRefById = new Map(vendors.map((v) => [numberOf(v.id), text(v.ref)]));
  const linesById = new Map(lines.map((line) => [numberOf(line.id), line]));
  return orders.map((order) => {
    const own = idList(order.order_line)
      .map((id) => linesById.get(id))
      .filter((line) => line !== undefined);
    const mapped = mapPurchaseOrder(
      { order, lines: own, skuByProductId, vendorRefById },
      settings.uomMap,
      settings.systemId,
    );
    return { entityType: 'purchase-order', ...mapped };
  });
}
