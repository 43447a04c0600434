import type { GoodsReceipt } from '@hub/contracts';
import { planReceipt, type OpenMove } from './receipt-plan';

const moves: OpenMove[] = [
  { id: 11, sku: 'SKU-1', demand: 10, purchaseLineId: 101 },
  { id: 12, sku: 'SKU-2', demand: 5, purchaseLineId: 102 },
  { id: 13, sku: 'SKU-2', demand: 3, purchaseLineId: 103 },
];
const context = { systemId: 'odoo-main', pickingName: 'WH/IN/00001', tolerancePercent: 0 };

function receipt(lines: [number, string, string][]): GoodsReceipt {
  return {
    receiptId: 'R-1',
    poNumber: 'PO-123',
    warehouse: 'WH',
    receivedAt: 0,
    lines: lines.map(([poLineNumber, sku, quantityReceived]) => ({
      poLineNumber,
      sku,
      quantityReceived,
      unitOfMeasure: 'PCS',
    })),
  };
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('planReceipt', () => {
  it('matches lines to moves by product, preferring the named PO line, and sums repeated lines', () => {
    const plan = planReceipt(
      receipt([
        [101, 'SKU-1', '4'],
        [103, 'SKU-2', '2'],
        [101, 'SKU-1', '1.5'],
      ]),
      moves,
      context,
    );
    expect(plan.received).toEqual([
      { moveId: 11, quantity: 5.5 },
      { moveId: 13, quantity: 2 },
    ]);
    expect(plan.notReceived).toEqual([12]);
  });

  it('falls back to the first move of the product when the PO line is not on the picking', () => {
    expect(planReceipt(receipt([[999, 'SKU-2', '1']]), moves, context).received).toEqual([
      { moveId: 12, quantity: 1 },
    ]);
  });

  it('refuses a product that is not on the receipt', () => {
    expect(thrown(() => planReceipt(receipt([[1, 'SKU-9', '1']]), moves, context))).toMatchObject({
      code: 'ODOO_UNKNOWN_PRODUCT',
      retriable: false,
      message:
        "Receipt R-1: product SKU-9 (PO line 1) is not on purchase order PO-123's open receipt WH/IN/00001 in Odoo odoo-main",
    });
  });

  it('refuses an over-receipt beyond the tolerance, and allows it within', () => {
    expect(
      thrown(() => planReceipt(receipt([[101, 'SKU-1', '10.5']]), moves, context)),
    ).toMatchObject({
      code: 'ODOO_OVER_RECEIPT',
      message:
        'Receipt R-1 over-receives purchase order PO-123 in Odoo odoo-main: SKU-1 received 10.5, outstanding 10 (tolerance 0%)',
    });
    expect(
      planReceipt(receipt([[101, 'SKU-1', '10.5']]), moves, { ...context, tolerancePercent: 5 })
        .received,
    ).toEqual([{ moveId: 11, quantity: 10.5 }]);
  });

  it('refuses a receipt with nothing received', () => {
    expect(thrown(() => planReceipt(receipt([[101, 'SKU-1', '0']]), moves, context))).toMatchObject(
      { code: 'ODOO_EMPTY_RECEIPT' },
    );
  });
});
