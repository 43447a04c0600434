import { mapPurchaseOrder, statusOf, timeOf } from './purchase-order-mapping';

const header = {
  dataAreaId: 'usmf',
  PurchaseOrderNumber: '00000123',
  OrderVendorAccountNumber: 'US-101',
  CurrencyCode: 'USD',
  PurchaseOrderStatus: 'Backorder',
  DocumentApprovalStatus: 'Confirmed',
  HubModifiedDateTime: '2026-12-03T10:00:00Z',
};

describe('F&O purchase order mapping', () => {
  it.each([
    [{ PurchaseOrderStatus: 'Backorder', DocumentApprovalStatus: 'Confirmed' }, 'confirmed'],
    [{ PurchaseOrderStatus: 'Backorder', DocumentApprovalStatus: 'Approved' }, 'draft'],
    [{ PurchaseOrderStatus: 'Received', DocumentApprovalStatus: 'Confirmed' }, 'closed'],
    [{ PurchaseOrderStatus: 'Invoiced', DocumentApprovalStatus: 'Confirmed' }, 'closed'],
    [{ PurchaseOrderStatus: 'Canceled', DocumentApprovalStatus: 'Confirmed' }, 'cancelled'],
  ])('%j → %s', (fields, status) => {
    expect(statusOf(fields)).toBe(status);
  });

  it("maps lines in line order, F&O's empty date 1900-01-01 to none", () => {
    const mapped = mapPurchaseOrder(
      header,
      [
        {
          LineNumber: 2,
          ItemNumber: 'M0001',
          OrderedPurchaseQuantity: 1.5,
          PurchaseUnitSymbol: 'kg',
          PurchasePrice: 40,
          ConfirmedDeliveryDate: '1900-01-01T12:00:00Z',
          RequestedDeliveryDate: '1900-01-01T12:00:00Z',
        },
        {
          LineNumber: 1,
          ItemNumber: 'A0001',
          OrderedPurchaseQuantity: 12,
          PurchaseUnitSymbol: 'ea',
          PurchasePrice: 2.5,
          ConfirmedDeliveryDate: '2026-12-24T12:00:00Z',
        },
      ],
      'usmf',
      'fo',
    );
    expect(mapped).toMatchObject({
      sourceRecordId: 'usmf/00000123',
      sourceVersion: Date.parse(header.HubModifiedDateTime),
    });
    expect(
      mapped.payload.lines.map((l) => [l.lineNumber, l.sku, l.quantityOrdered, l.expectedDate]),
    ).toEqual([
      [1, 'A0001', '12', Math.floor(Date.parse('2026-12-24T12:00:00Z') / 86_400_000)],
      [2, 'M0001', '1.5', null],
    ]);
  });

  it('refuses an order without HubModifiedDateTime, naming the extension', () => {
    expect(() =>
      mapPurchaseOrder({ ...header, HubModifiedDateTime: null }, [], 'usmf', 'fo'),
    ).toThrow('is the hub extension installed?');
    expect(timeOf('not a date')).toBeUndefined();
  });
});
