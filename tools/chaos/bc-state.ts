/**
 * The simulated Business Central through the module's control routes
 * (`/__sim/business-central/companies/<company>/...`): the run's items seeded into the demo's
 * company, a released purchase order created as a buyer would (BC has no webhook for
 * purchase orders: the connector's sweep finds it through lastModifiedDateTime, and every
 * later sweep reads it again, the poll's own repeat), and what BC really booked, from one
 * read of the company's report: every hub inventory write (the extension's row, keyed by
 * the hub's reference, the correlation id), the item ledger, the posted receipts with their
 * lines and the orders' received quantities.
 */
import { okJson } from '@hub/demo';
import type { ErpControl, ErpOrder, ErpSnapshot } from './erp-state';

/** The demo's company and location (its seed file, BC_COMPANY and the WH-EAST location). */
export const bcCompany = 'CRONUS';
const location = 'WH-EAST';

interface BcReport {
  readonly inventoryWrites: readonly {
    hubReference: string;
    itemNumber: string;
    locationCode: string;
    quantity: number;
    adjustment: number;
  }[];
  readonly ledgerEntries: readonly {
    itemNumber: string;
    locationCode: string;
    quantity: number;
    entryType: string;
    documentNumber: string;
  }[];
  readonly receipts: readonly {
    number: string;
    orderNumber: string;
    lines: readonly { sequence: number; item: string; quantity: number }[];
  }[];
  readonly purchaseOrders: readonly {
    number: string;
    lines: readonly { sequence: number; receivedQuantity: number }[];
  }[];
  readonly onHand: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * Where the item ledger and the documents disagree: per item, the adjustments posted against
 * the adjustments the hub's writes recorded; per posted receipt, its Purchase entries against
 * its lines. A posting done twice, or without its document, shows here.
 */
function ledgerMismatches(report: BcReport): string[] {
  const found: string[] = [];
  const items = new Set(report.inventoryWrites.map((w) => w.itemNumber));
  for (const item of items) {
    const recorded = sum(
      report.inventoryWrites
        .filter((w) => w.itemNumber === item && w.locationCode === location)
        .map((w) => w.adjustment),
    );
    const posted = sum(
      report.ledgerEntries
        .filter((e) => e.itemNumber === item && e.locationCode === location)
        .filter((e) => e.entryType !== 'Purchase')
        .map((e) => e.quantity),
    );
    if (recorded !== posted)
      found.push(`${item}: adjustments posted ${posted}, written ${recorded}`);
  }
  for (const receipt of report.receipts) {
    const posted = sum(
      report.ledgerEntries
        .filter((e) => e.entryType === 'Purchase' && e.documentNumber === receipt.number)
        .map((e) => e.quantity),
    );
    const lines = sum(receipt.lines.map((l) => l.quantity));
    if (posted !== lines) found.push(`${receipt.number}: ledger ${posted}, lines ${lines}`);
  }
  return found;
}

function snapshotOf(report: BcReport): ErpSnapshot {
  const receiptsOf = (order: string) => report.receipts.filter((r) => r.orderNumber === order);
  return {
    applies: report.inventoryWrites
      .filter((w) => w.locationCode === location)
      .map((w) => ({ sku: w.itemNumber, quantity: w.quantity, reference: w.hubReference })),
    onHand: (sku) => report.onHand[sku]?.[location] ?? 0,
    receiptDocuments: (order) => receiptsOf(order).length,
    received: (order) => {
      const po = report.purchaseOrders.find((p) => p.number === order.number);
      return order.lineNumbers.map(
        (n) => po?.lines.find((line) => line.sequence === n)?.receivedQuantity ?? 0,
      );
    },
    receiptQuantities: (order) =>
      receiptsOf(order.number).map((receipt) =>
        order.lineNumbers.map((n) =>
          sum(receipt.lines.filter((l) => l.sequence === n).map((l) => l.quantity)),
        ),
      ),
    ledgerMismatches: () => ledgerMismatches(report),
  };
}

export function bcControl(simulatorUrl: string): ErpControl {
  const company = `${simulatorUrl}/__sim/business-central/companies/${bcCompany}`;
  return {
    purchaseOrdersPolled: true,
    // The demo's hub writes the company's seed file (CRONUS, WH-EAST): items come by route.
    simulatorSeed: () => ({}),
    async seed(items) {
      await okJson(`${company}/items`, {
        body: { locations: [location], items: items.map((number) => ({ number })) },
      });
    },
    async createOrder(number, lines): Promise<ErpOrder> {
      const created = await okJson<{ lines: { sequence: number }[] }>(
        `${company}/purchase-orders`,
        {
          body: {
            number,
            lines: lines.map((line) => ({
              item: line.sku,
              quantity: line.quantity,
              location,
              cost: 12.5,
            })),
          },
        },
      );
      return { number, lineNumbers: created.lines.map((line) => line.sequence) };
    },
    async snapshot() {
      return snapshotOf(await okJson<BcReport>(`${company}/report`));
    },
  };
}
