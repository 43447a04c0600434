/** The kit's canonical fixtures for F&O's warehouse 11 of usmf, owned by the bench's WMS. */
import type { AnyCanonicalEvent } from '@hub/connector-runtime';
import * as shared from '@hub/connector-testing';

export const WAREHOUSE = '11';

export function inventoryLevel(
  sku: string,
  quantityOnHand: string,
  sourceSystem: string,
  asOf = Date.now(),
): AnyCanonicalEvent {
  return shared.inventoryLevel(sku, quantityOnHand, {
    warehouse: WAREHOUSE,
    sourceSystem,
    unitOfMeasure: 'EA',
    asOf,
  });
}

export function goodsReceipt(
  poNumber: string,
  lines: [number, string, string][],
  receiptId: string,
  sourceSystem: string,
): AnyCanonicalEvent {
  return shared.goodsReceipt(poNumber, lines, {
    warehouse: WAREHOUSE,
    sourceSystem,
    unitOfMeasure: 'EA',
    receiptId,
  });
}
