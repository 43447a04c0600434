/** Canonical events as the ingress would publish them, for connector tests (warehouse 11 of usmf). */
import type { AnyCanonicalEvent } from '@hub/connector-runtime';
import { createEvent, systemEventIdentity } from '@hub/contracts';

export const WAREHOUSE = '11';

export function inventoryLevel(
  sku: string,
  quantityOnHand: string,
  sourceSystem: string,
  asOf = Date.now(),
): AnyCanonicalEvent {
  return createEvent(
    'inventory-level',
    {
      sourceSystem,
      sourceRecordId: `${WAREHOUSE}:${sku}`,
      sourceVersion: asOf,
      payload: { sku, warehouse: WAREHOUSE, quantityOnHand, unitOfMeasure: 'EA', asOf },
    },
    systemEventIdentity,
  );
}

export function goodsReceipt(
  poNumber: string,
  lines: [number, string, string][],
  receiptId: string,
  sourceSystem: string,
): AnyCanonicalEvent {
  const now = Date.now();
  return createEvent(
    'goods-receipt',
    {
      sourceSystem,
      sourceRecordId: receiptId,
      sourceVersion: now,
      payload: {
        receiptId,
        poNumber,
        warehouse: WAREHOUSE,
        receivedAt: now,
        lines: lines.map(([poLineNumber, sku, quantityReceived]) => ({
          poLineNumber,
          sku,
          quantityReceived,
          unitOfMeasure: 'EA',
        })),
      },
    },
    systemEventIdentity,
  );
}
