/** Canonical purchase-order events as the Odoo connector publishes them. */
import {
  createEvent,
  type CanonicalEvent,
  type EventIdentity,
  type PurchaseOrderStatus,
} from '@hub/contracts';

export const fixedIdentity: EventIdentity = {
  now: () => Date.parse('2026-11-27T04:00:00.000Z'),
  newEventId: () => '0b9c8f7e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
};

export function purchaseOrderEvent(
  poNumber: string,
  {
    status = 'confirmed',
    sourceVersion = Date.parse('2026-11-27T03:59:58.123Z'),
    sourceSystem = 'odoo',
    identity = fixedIdentity,
  }: {
    status?: PurchaseOrderStatus;
    sourceVersion?: number;
    sourceSystem?: string;
    identity?: EventIdentity;
  } = {},
): CanonicalEvent<'purchase-order'> {
  return createEvent(
    'purchase-order',
    {
      sourceSystem,
      sourceRecordId: `purchase.order/${poNumber}`,
      sourceVersion,
      payload: {
        poNumber,
        supplierId: 'V-300',
        status,
        currency: 'EUR',
        company: null,
        lines: [
          {
            lineNumber: 1,
            sku: 'SKU-1001',
            quantityOrdered: '40.00',
            unitOfMeasure: 'PCS',
            unitPrice: '12.34',
            expectedDate: 20_420,
          },
          {
            lineNumber: 2,
            sku: 'SKU-2002',
            quantityOrdered: '2.5',
            unitOfMeasure: 'KG',
            unitPrice: '0.10',
            expectedDate: null,
          },
        ],
      },
    },
    identity,
  );
}
