import type { GoodsReceipt } from '@hub/contracts';
import { planReceipt, type OrderLine } from './receipt-plan';

const line = (
  id: string,
  sequence: number,
  sku: string,
  quantity: number,
  received = 0,
  locationId = 'L-MAIN',
): OrderLine => ({
  id,
  etag: `W/"${id}"`,
  sequence,
  sku,
  locationId,
  quantity,
  receivedQuantity: received,
  receiveQuantity: quantity - received,
  invoiceQuantity: quantity - received,
});

const receipt = (lines: [number, string, string][]): GoodsReceipt => ({
  receiptId: 'R-1',
  poNumber: '106001',
  warehouse: 'MAIN',
  receivedAt: 0,
  lines: lines.map(([poLineNumber, sku, quantityReceived]) => ({
    poLineNumber,
    sku,
    quantityReceived,
    unitOfMeasure: 'PCS',
  })),
});

const context = { systemId: 'bc', locationId: 'L-MAIN', locationCode: 'MAIN', tolerancePercent: 0 };

describe('planReceipt', () => {
  it('matches by item and location, prefers the named line, and zeroes the others', () => {
    const lines = [
      line('a', 10000, 'X', 5),
      line('b', 20000, 'X', 5),
      line('c', 30000, 'Y', 5),
      line('d', 40000, 'X', 5, 0, 'L-EAST'),
    ];
    const plan = planReceipt(
      receipt([
        [20000, 'X', '2'],
        [20000, 'X', '1'],
      ]),
      lines,
      context,
    );
    expect([...plan]).toEqual([
      ['a', 0],
      ['b', 3],
      ['c', 0],
      ['d', 0],
    ]);
  });

  it('refuses an over-receipt beyond the tolerance before anything is written', () => {
    const lines = [line('a', 10000, 'X', 10, 8)];
    expect(() => planReceipt(receipt([[10000, 'X', '3']]), lines, context)).toThrow(
      /over-receives .*received 3, outstanding 2/,
    );
    expect([
      ...planReceipt(receipt([[10000, 'X', '2.2']]), lines, { ...context, tolerancePercent: 10 }),
    ]).toEqual([['a', 2.2]]);
  });

  it('refuses an item not on the order at that location, and a receipt of nothing', () => {
    expect(() =>
      planReceipt(receipt([[1, 'X', '1']]), [line('d', 1, 'X', 5, 0, 'L-EAST')], context),
    ).toThrow(/not on purchase order/);
    expect(() => planReceipt(receipt([[1, 'X', '0']]), [line('a', 1, 'X', 5)], context)).toThrow(
      /no line with a positive quantity/,
    );
  });
});
