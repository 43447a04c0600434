/**
 * Pure: an Odoo purchase order (read with its lines, products and vendor) → the canonical
 * purchase order. State mapping (contracts README): draft/sent/to approve → draft,
 * purchase → confirmed, done → closed, cancel → cancelled. `lineNumber` is the
 * `purchase.order.line` id: Odoo has no line numbers, and the id is stable and unique, so a
 * WMS receipt naming it finds its move again (`stock.move.purchase_line_id`). Lines
 * without a product (sections, notes) are left out. The vendor's number is its
 * `res.partner.ref`, or its id when the ref is empty.
 */
import type { PurchaseOrder, PurchaseOrderStatus } from '@hub/contracts';
import { PermanentError } from '@hub/resilience';
import {
  decimalText,
  many2oneId,
  many2oneName,
  numberOf,
  odooDay,
  parseOdooDateTime,
  text,
  type OdooRecord,
} from '../odoo/odoo-values';

export const PO_FIELDS = [
  'id',
  'name',
  'state',
  'partner_id',
  'currency_id',
  'order_line',
  'write_date',
] as const;
export const PO_LINE_FIELDS = [
  'id',
  'product_id',
  'product_qty',
  'product_uom',
  'price_unit',
  'date_planned',
] as const;

const statusByState: Readonly<Record<string, PurchaseOrderStatus>> = {
  draft: 'draft',
  sent: 'draft',
  'to approve': 'draft',
  purchase: 'confirmed',
  done: 'closed',
  cancel: 'cancelled',
};

export interface PurchaseOrderSources {
  readonly order: OdooRecord;
  readonly lines: readonly OdooRecord[];
  readonly skuByProductId: ReadonlyMap<number, string | undefined>;
  readonly vendorRefById: ReadonlyMap<number, string | undefined>;
}

export interface MappedPurchaseOrder {
  readonly sourceRecordId: string;
  readonly sourceVersion: number;
  readonly payload: PurchaseOrder;
}

export function mapPurchaseOrder(
  sources: PurchaseOrderSources,
  uomMap: Readonly<Record<string, string>>,
  systemId: string,
): MappedPurchaseOrder {
  const { order } = sources;
  const id = numberOf(order.id);
  const poNumber = text(order.name) ?? `purchase.order/${id}`;
  const state = text(order.state) ?? '';
  const status = statusByState[state];
  const invalid = (detail: string): PermanentError =>
    new PermanentError(
      'ODOO_PO_UNMAPPABLE',
      `Purchase order ${poNumber} in Odoo ${systemId} cannot be published: ${detail}`,
    );
  if (status === undefined) throw invalid(`unknown state "${state}"`);
  const currency = many2oneName(order.currency_id);
  if (currency === undefined) throw invalid('it has no currency');
  const vendorId = many2oneId(order.partner_id);
  if (vendorId === undefined) throw invalid('it has no vendor');
  const lines = sources.lines
    .filter((line) => many2oneId(line.product_id) !== undefined)
    .map((line) => {
      const productId = many2oneId(line.product_id) ?? 0;
      const sku = sources.skuByProductId.get(productId);
      if (sku === undefined)
        throw invalid(
          `product ${many2oneName(line.product_id) ?? productId} has no Internal Reference (default_code)`,
        );
      const uomName = many2oneName(line.product_uom) ?? 'Units';
      return {
        lineNumber: numberOf(line.id),
        sku,
        quantityOrdered: decimalText(numberOf(line.product_qty)),
        unitOfMeasure: uomMap[uomName] ?? uomName,
        unitPrice: decimalText(numberOf(line.price_unit)),
        expectedDate: odooDay(line.date_planned) ?? null,
      };
    })
    .sort((a, b) => a.lineNumber - b.lineNumber);
  return {
    sourceRecordId: `purchase.order/${id}`,
    sourceVersion: parseOdooDateTime(order.write_date) ?? 0,
    payload: {
      poNumber,
      supplierId: sources.vendorRefById.get(vendorId) ?? String(vendorId),
      status,
      currency,
      lines,
      // Not read yet: Odoo's company_id would name it (ownership by company needs it).
      company: null,
    },
  };
}
