/**
 * The simulated SAP S/4HANA through its control routes (`/__sim/sap/...`): materials and
 * the plant seeded, purchase orders created with their business events (sent twice), and
 * what SAP booked (stock, physical inventory documents, material documents).
 */
import { erpSkus, sapPlant } from '../../hub/erp-under-test';
import { okJson } from '../../hub/net';
import { ingressNotifications } from '../erp/erp-events';
import type { ErpDriver, ErpOrder } from '../erp/erp-driver';

interface SapState {
  readonly stock: Record<string, number>;
  readonly purchaseOrders: readonly {
    PurchaseOrder: string;
    items: readonly {
      PurchaseOrderItem: string;
      Material: string;
      OrderQuantity: number;
      received: number;
    }[];
  }[];
  readonly materialDocuments: readonly { items: readonly { PurchaseOrder: string }[] }[];
  readonly physInventoryDocuments: readonly {
    items: readonly { Material: string }[];
  }[];
}

export function sapDriver(simulatorUrl: string): ErpDriver {
  const control = `${simulatorUrl}/__sim/sap`;
  const state = (): Promise<SapState> => okJson<SapState>(`${control}/state`);
  return {
    name: 'SAP',
    countDocument: 'physical inventory document',
    receiptDocument: 'material document (movement 101)',
    async seed() {
      await okJson(`${control}/seed`, {
        body: {
          plants: [{ Plant: sapPlant.plant, storageLocations: [sapPlant.storageLocation] }],
          materials: erpSkus.map((Material) => ({ Material })),
          stock: erpSkus.map((Material) => ({
            Material,
            Plant: sapPlant.plant,
            StorageLocation: sapPlant.storageLocation,
            quantity: 10,
          })),
        },
      });
    },
    async onHand(sku) {
      return (await state()).stock[`${sku}|${sapPlant.plant}|${sapPlant.storageLocation}`] ?? 0;
    },
    async countPostings(sku) {
      return (await state()).physInventoryDocuments.filter((document) =>
        document.items.some((item) => item.Material === sku),
      ).length;
    },
    async createPurchaseOrder(lines) {
      // copies=2: the event mesh delivers the "changed" event twice.
      const created = await okJson<{ PurchaseOrder: string }>(
        `${control}/purchase-orders?copies=2`,
        {
          body: {
            Supplier: '17300001',
            items: lines.map((line) => ({
              Material: line.sku,
              Plant: sapPlant.plant,
              StorageLocation: sapPlant.storageLocation,
              OrderQuantity: line.quantity,
              NetPriceAmount: 12.5,
            })),
          },
        },
      );
      const po = (await state()).purchaseOrders.find(
        (candidate) => candidate.PurchaseOrder === created.PurchaseOrder,
      );
      const order: ErpOrder = {
        number: created.PurchaseOrder,
        lines: (po?.items ?? []).map((item) => ({
          lineNumber: Number(item.PurchaseOrderItem),
          sku: item.Material,
          quantity: item.OrderQuantity,
        })),
      };
      return order;
    },
    notifications: ingressNotifications,
    async receiptDocuments(order) {
      return (await state()).materialDocuments.filter((document) =>
        document.items.some((item) => item.PurchaseOrder === order),
      ).length;
    },
    async receivedQuantities(order) {
      const po = (await state()).purchaseOrders.find((p) => p.PurchaseOrder === order);
      return new Map(
        (po?.items ?? []).map((item) => [Number(item.PurchaseOrderItem), item.received]),
      );
    },
    async failNextReceiptAfterCommit() {
      await okJson(`${control}/faults`, {
        body: {
          kind: 'failAfterCommit',
          model: 'A_MaterialDocumentHeader',
          method: 'POST',
          times: 1,
        },
      });
    },
    async clearFaults() {
      await okJson(`${control}/faults`, { method: 'DELETE' });
    },
  };
}
