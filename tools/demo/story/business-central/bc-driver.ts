/**
 * The simulated Business Central: items and the WH-EAST location from the simulator's seed
 * file, a released purchase order created through the module's control routes
 * `/__sim/business-central/companies/<company>/...` (the connector finds it by polling), what
 * BC booked read there, faults through the module's `/__sim/business-central/faults`.
 */
import { bcApp, erpWarehouse } from '../../hub/erp-under-test';
import { okJson } from '../../hub/net';
import { wmsPurchaseOrdersHandled } from '../erp/erp-events';
import type { ErpDriver } from '../erp/erp-driver';

interface BcOrderState {
  readonly receipts: number;
  readonly lines: readonly {
    sequence: number;
    item: string;
    quantity: number;
    receivedQuantity: number;
  }[];
}

export function bcDriver(simulatorUrl: string, runId: string): ErpDriver {
  const demo = `${simulatorUrl}/__sim/business-central/companies/${bcApp.company}`;
  const item = (sku: string): Promise<{ onHand: number; inventoryWrites: number }> =>
    okJson(`${demo}/items/${sku}?location=${erpWarehouse}`);
  const order = (number: string): Promise<BcOrderState> =>
    okJson<BcOrderState>(`${demo}/purchase-orders/${number}`);
  let orders = 0;
  return {
    name: 'Business Central',
    countDocument: 'hub inventory write (adjustment posted)',
    receiptDocument: 'posted purchase receipt',
    seed: () => Promise.resolve(),
    async onHand(sku) {
      return (await item(sku)).onHand;
    },
    async countPostings(sku) {
      return (await item(sku)).inventoryWrites;
    },
    // BC has no webhook for purchase orders: the connector's sweep reads the order, and
    // every later sweep reads it again (lastModifiedDateTime ge the watermark).
    async createPurchaseOrder(lines) {
      orders += 1;
      const created = await okJson<{ number: string; lines: BcOrderState['lines'] }>(
        `${demo}/purchase-orders`,
        {
          body: {
            number: `PO-${runId.toUpperCase()}-${String(orders).padStart(3, '0')}`,
            lines: lines.map((line) => ({
              item: line.sku,
              quantity: line.quantity,
              location: erpWarehouse,
              cost: 12.5,
            })),
          },
        },
      );
      return {
        number: created.number,
        lines: created.lines.map((line) => ({
          lineNumber: line.sequence,
          sku: line.item,
          quantity: line.quantity,
        })),
      };
    },
    notifications: wmsPurchaseOrdersHandled,
    async receiptDocuments(number) {
      return (await order(number)).receipts;
    },
    async receivedQuantities(number) {
      return new Map((await order(number)).lines.map((l) => [l.sequence, l.receivedQuantity]));
    },
    async failNextReceiptAfterCommit() {
      await okJson(`${simulatorUrl}/__sim/business-central/faults`, {
        body: { kind: 'failAfterCommit', method: 'receiveOnly', times: 1 },
      });
    },
    async clearFaults() {
      await okJson(`${simulatorUrl}/__sim/business-central/faults`, { method: 'DELETE' });
    },
  };
}
