import { mapPurchaseOrder } from './purchase-order-mapping';

const order = (header: Record<string, unknown>, items: Record<string, unknown>[]) => ({
  PurchaseOrder: '4500000001',
  Supplier: '17300001',
  DocumentCurrency: 'EUR',
  PurchasingProcessingStatus: '05',
  PurchasingDocumentDeletionCode: '',
  LastChangeDateTime: '/Date(1740823200000+0000)/',
  ...header,
  to_PurchaseOrderItem: { results: items },
});

const item = (n: string, extra: Record<string, unknown> = {}) => ({
  PurchaseOrderItem: n,
  Material: `TG${n}`,
  OrderQuantity: '7.000',
  PurchaseOrderQuantityUnit: 'PC',
  NetPriceAmount: '130.50',
  IsCompletelyDelivered: false,
  ...extra,
});

describe('SAP purchase order → canonical purchase order', () => {
  it('maps header and items (units reversed, decimals without trailing zeros, lines in item order)', () => {
    expect(mapPurchaseOrder(order({}, [item('20'), item('10')]), { PCS: 'PC' }, 'sap')).toEqual({
      entityType: 'purchase-order',
      sourceRecordId: '4500000001',
      sourceVersion: 1740823200000,
      payload: {
        poNumber: '4500000001',
        supplierId: '17300001',
        status: 'confirmed',
        currency: 'EUR',
        company: null,
        lines: [
          {
            lineNumber: 10,
            sku: 'TG10',
            quantityOrdered: '7',
            unitOfMeasure: 'PCS',
            unitPrice: '130.5',
            expectedDate: null,
          },
          {
            lineNumber: 20,
            sku: 'TG20',
            quantityOrdered: '7',
            unitOfMeasure: 'PCS',
            unitPrice: '130.5',
            expectedDate: null,
          },
        ],
      },
    });
  });

  it.each([
    [{ PurchasingDocumentDeletionCode: 'L' }, [item('10')], 'cancelled'],
    [{ PurchasingProcessingStatus: '08' }, [item('10')], 'cancelled'],
    [{}, [item('10', { IsCompletelyDelivered: true })], 'closed'],
    [{ PurchasingProcessingStatus: '03' }, [item('10')], 'draft'],
    [{ PurchasingProcessingStatus: '02' }, [item('10')], 'confirmed'],
  ])('%j → %s', (header, items, status) => {
    expect(mapPurchaseOrder(order(header, items), {}, 'sap').payload.status).toBe(status);
  });

  it('refuses an unknown processing status with the PO named', () => {
    expect(() =>
      mapPurchaseOrder(order({ PurchasingProcessingStatus: '99' }, []), {}, 'sap'),
    ).toThrow(
      'Purchase order 4500000001 in SAP sap cannot be published: unknown PurchasingProcessingStatus "99"',
    );
  });
});
