/** Canonical events for the standard Odoo seed's warehouse (the kit's fixtures, Odoo's defaults). */
import type { AnyCanonicalEvent } from '@hub/connector-runtime';
import { goodsReceipt as receipt, inventoryLevel as level } from '@hub/connector-testing';
import { WAREHOUSE } from './odoo-sim-fixture';

export function inventoryLevel(
  sku: string,
  quantityOnHand: string,
  asOf = Date.now(),
  sourceSystem = 'wms',
): AnyCanonicalEvent {
  return level(sku, quantityOnHand, { warehouse: WAREHOUSE, asOf, sourceSystem });
}

export function goodsReceipt(
  poNumber: string,
  lines: [number, string, string][],
  receiptId = `R-${poNumber}`,
  sourceSystem = 'wms',
): AnyCanonicalEvent {
  return receipt(poNumber, lines, { warehouse: WAREHOUSE, receiptId, sourceSystem });
}
