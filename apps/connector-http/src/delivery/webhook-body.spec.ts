import { parseCanonical } from '@hub/contracts';
import { purchaseOrderEvent } from '../testing/purchase-orders';
import { serializeWebhookBody, webhookBody } from './webhook-body';

describe('webhook body', () => {
  it('is {type, timestamp, data} with the purchase order in its JSON form', () => {
    const event = purchaseOrderEvent('PO-1');
    expect(JSON.parse(serializeWebhookBody(event))).toEqual({
      type: 'purchase-order.confirmed',
      timestamp: '2026-11-27T03:59:58.123Z',
      data: {
        poNumber: 'PO-1',
        supplierId: 'V-300',
        status: 'confirmed',
        currency: 'EUR',
        company: null,
        lines: [
          {
            lineNumber: 1,
            sku: 'SKU-1001',
            quantityOrdered: '40',
            unitOfMeasure: 'PCS',
            unitPrice: '12.34',
            expectedDate: '2025-11-28',
          },
          {
            lineNumber: 2,
            sku: 'SKU-2002',
            quantityOrdered: '2.5',
            unitOfMeasure: 'KG',
            unitPrice: '0.1',
            expectedDate: null,
          },
        ],
      },
    });
  });

  it('names the status in the type', () => {
    expect(webhookBody(purchaseOrderEvent('PO-1', { status: 'cancelled' })).type).toBe(
      'purchase-order.cancelled',
    );
    expect(webhookBody(purchaseOrderEvent('PO-1', { status: 'closed' })).type).toBe(
      'purchase-order.closed',
    );
  });

  it('carries data a receiver parses back into the same canonical payload', () => {
    const event = purchaseOrderEvent('PO-7');
    const parsed = parseCanonical('purchase-order', webhookBody(event).data);
    expect(parsed).toEqual({ ok: true, value: event.payload });
  });

  it('is the same bytes on every attempt, so a retry re-sends exactly what was signed before', () => {
    const event = purchaseOrderEvent('PO-1');
    const later = purchaseOrderEvent('PO-1', {
      identity: { now: () => Date.now(), newEventId: () => '5f0c6a2e-8b1d-4e7f-a3c9-2d4b6e8f0a1c' },
    });
    expect(serializeWebhookBody(later)).toBe(serializeWebhookBody(event));
  });
});
