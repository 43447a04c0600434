/** Canonical events as the ingress would publish them, for connector tests. */
import type { AnyCanonicalEvent } from '@hub/connector-runtime';
import { createEvent, systemEventIdentity } from '@hub/contracts';

export interface FixtureOptions {
  readonly warehouse: string;
  /** The owner's system id (the bench's `source`); default `wms`. */
  readonly sourceSystem?: string;
  readonly unitOfMeasure?: string;
}

export function inventoryLevel(
  sku: string,
  quantityOnHand: string,
  options: FixtureOptions & { readonly asOf?: number },
): AnyCanonicalEvent {
  const asOf = options.asOf ?? Date.now();
  const { warehouse } = options;
  return createEvent(
    'inventory-level',
    {
      sourceSystem: options.sourceSystem ?? 'wms',
      sourceRecordId: `${warehouse}:${sku}`,
      sourceVersion: asOf,
      payload: {
        sku,
        warehouse,
        quantityOnHand,
        unitOfMeasure: options.unitOfMeasure ?? 'PCS',
        asOf,
      },
    },
    systemEventIdentity,
  );
}

/** Lines as [poLineNumber, sku, quantityReceived]. */
export function goodsReceipt(
  poNumber: string,
  lines: readonly (readonly [number, string, string])[],
  options: FixtureOptions & { readonly receiptId?: string },
): AnyCanonicalEvent {
  const now = Date.now();
  const receiptId = options.receiptId ?? `R-${poNumber}`;
  return createEvent(
    'goods-receipt',
    {
      sourceSystem: options.sourceSystem ?? 'wms',
      sourceRecordId: receiptId,
      sourceVersion: now,
      payload: {
        receiptId,
        poNumber,
        warehouse: options.warehouse,
        receivedAt: now,
        lines: lines.map(([poLineNumber, sku, quantityReceived]) => ({
          poLineNumber,
          sku,
          quantityReceived,
          unitOfMeasure: options.unitOfMeasure ?? 'PCS',
        })),
      },
    },
    systemEventIdentity,
  );
}
