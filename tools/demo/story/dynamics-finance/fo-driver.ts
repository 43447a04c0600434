/**
 * The simulated Dynamics 365 Finance & Operations through its control routes
 * (`/__sim/dynamics-finance/...`): items and warehouse come from the simulator's seed file,
 * purchase orders are created and confirmed with "Purchase order confirmed" sent twice,
 * and what F&O booked (on hand, journal postings, product receipts) is read from its state.
 */
import { erpWarehouse, foApp } from '../../hub/erp-under-test';
import { okJson } from '../../hub/net';
import { ingressNotifications } from '../erp/erp-events';
import type { ErpDriver } from '../erp/erp-driver';

interface FoState {
  readonly journals: readonly { journalNumber: string; lines: readonly { itemNumber: string }[] }[];
  readonly postings: readonly string[];
  readonly purchaseOrders: readonly {
    number: string;
    lines: readonly {
      lineNumber: number;
      itemNumber: string;
      quantity: number;
      received: number;
    }[];
  }[];
  readonly receipts: readonly { poNumber: string }[];
  readonly onHand: Record<string, number>;
}

export function foDriver(simulatorUrl: string, runId: string): ErpDriver {
  const control = `${simulatorUrl}/__sim/dynamics-finance`;
  const state = (): Promise<FoState> => okJson<FoState>(`${control}/state`);
  let orders = 0;
  return {
    name: 'F&O',
    countDocument: 'counting journal posting',
    receiptDocument: 'product receipt',
    seed: () => Promise.resolve(),
    async onHand(sku) {
      return (await state()).onHand[`${foApp.legalEntity}|${sku}|${erpWarehouse}`] ?? 0;
    },
    async countPostings(sku) {
      const { journals, postings } = await state();
      const ofSku = new Set(
        journals
          .filter((journal) => journal.lines.some((line) => line.itemNumber === sku))
          .map((journal) => journal.journalNumber),
      );
      return postings.filter((journal) => ofSku.has(journal)).length;
    },
    async createPurchaseOrder(lines) {
      orders += 1;
      const number = `PO-${runId.toUpperCase()}-${String(orders).padStart(3, '0')}`;
      await okJson(`${control}/purchase-orders`, {
        body: {
          number,
          lines: lines.map((line) => ({
            itemNumber: line.sku,
            quantity: line.quantity,
            price: 12.5,
            warehouseId: erpWarehouse,
          })),
        },
      });
      // Confirm: "Purchase order confirmed" goes out, and again (a retry after a lost answer).
      await okJson(`${control}/purchase-orders/${number}/confirm`, { body: { duplicate: true } });
      return {
        number,
        lines: lines.map((line, i) => ({
          lineNumber: i + 1,
          sku: line.sku,
          quantity: line.quantity,
        })),
      };
    },
    notifications: ingressNotifications,
    async receiptDocuments(order) {
      return (await state()).receipts.filter((receipt) => receipt.poNumber === order).length;
    },
    async receivedQuantities(order) {
      const po = (await state()).purchaseOrders.find((p) => p.number === order);
      return new Map((po?.lines ?? []).map((line) => [line.lineNumber, line.received]));
    },
    async failNextReceiptAfterCommit() {
      await okJson(`${control}/faults`, {
        body: { kind: 'failAfterCommit', model: 'HubPostProductReceipt', times: 1 },
      });
    },
    async clearFaults() {
      await okJson(`${control}/faults`, { method: 'DELETE' });
    },
  };
}
