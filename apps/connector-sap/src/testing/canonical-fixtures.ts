/** Canonical events as the ingress would publish them, for connector tests. */
import type { AnyCanonicalEvent } from '@hub/connector-runtime';
import { createEvent, systemEventIdentity } from '@hub/contracts';
import { WAREHOUSE } from './sap-sim-fixture';

export function inventoryLevel(
  sku: string,
  quantityOnHand: string,
  asOf = Date.now(),
  sourceSystem = 'wms',
): AnyCanonicalEvent {
  return createEvent(
    'inventory-level',
    {
      sourceSystem,
      sourceRecordId: `${WAREHOUSE}:${sku}`,
      sourceVersion: asOf,
      payload: { sku, warehouse: WAREHOUSE, quantityOnHand, unitOfMeasure: 'PCS', asOf },
    },
    systemEventIdentity,
  );
}

export function goodsReceipt(
  poNumber: string,
  lines: [number, string, string][],
  receiptId = `ASN-${poNumber}`,
  sourceSystem = 'wms',
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
          unitOfMeasure: 'PCS',
        })),
      },
    },
    systemEventIdentity,
  );
}
