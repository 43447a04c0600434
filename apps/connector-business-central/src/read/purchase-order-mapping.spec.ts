import { mapPurchaseOrder } from './purchase-order-mapping';

const order = (fields: Record<string, unknown> = {}) => ({
  id: 'po-1',
  number: '106001',
  vendorNumber: '10000',
  currencyCode: 'EUR',
  status: 'Open',
  fullyReceived: false,
  lastModifiedDateTime: '2026-12-03T10:00:00.123Z',
  purchaseOrderLines: [
    { lineType: 'Comment', sequence: 5000, lineObjectNumber: '' },
    {
      lineType: 'Item',
      sequence: 20000,
      lineObjectNumber: 'B',
      quantity: 0.1 + 0.2,
      unitOfMeasureCode: 'KG',
      directUnitCost: 3,
      expectedReceiptDate: '0001-01-01',
    },
    {
      lineType: 'Item',
      sequence: 10000,
      lineObjectNumber: 'A',
      quantity: 5,
      unitOfMeasureCode: 'PCS',
      directUnitCost: 1.25,
      expectedReceiptDate: '1970-01-03',
    },
  ],
  ...fields,
});

describe('mapPurchaseOrder', () => {
  it('maps an open order with its item lines, ordered by sequence', () => {
    expect(mapPurchaseOrder(order(), 'c-1', 'bc')).toEqual({
      sourceRecordId: 'api/v2.0/companies(c-1)/purchaseOrders(po-1)',
      sourceVersion: Date.parse('2026-12-03T10:00:00.123Z'),
      payload: {
        poNumber: '106001',
        supplierId: '10000',
        status: 'confirmed',
        currency: 'EUR',
        company: 'c-1',
        lines: [
          {
            lineNumber: 10000,
            sku: 'A',
            quantityOrdered: '5',
            unitOfMeasure: 'PCS',
            unitPrice: '1.25',
            expectedDate: 2,
          },
          {
            lineNumber: 20000,
            sku: 'B',
            quantityOrdered: '0.3',
            unitOfMeasure: 'KG',
            unitPrice: '3',
            expectedDate: null,
          },
        ],
      },
    });
  });

  it.each([
    [{ status: 'Draft' }, 'draft'],
    [{ status: 'In Review' }, 'draft'],
    [{ status: 'Open', fullyReceived: true }, 'closed'],
  ])('%j → %s', (fields, status) => {
    expect(mapPurchaseOrder(order(fields), 'c', 'bc').payload.status).toBe(status);
  });

  it('refuses an order without currency or with an unknown status, naming it', () => {
    expect(() => mapPurchaseOrder(order({ currencyCode: '' }), 'c', 'bc')).toThrow(
      /106001 .*no currency code/,
    );
    expect(() => mapPurchaseOrder(order({ status: 'Weird' }), 'c', 'bc')).toThrow(
      /unknown status "Weird"/,
    );
  });
});
