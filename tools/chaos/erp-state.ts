/**
 * The simulated SAP / F&O through its control routes (`/__sim/<erp>/...`): the run's items
 * seeded, purchase orders created (their notification sent twice, as the event mesh and
 * F&O's business events redeliver), and what the ERP really booked, from one read of its
 * state report: every count it posted (SKU, quantity, the hub's reference on the document:
 * SAP's PhysInventoryReferenceNumber, the F&O journal's description), stock on hand, receipt
 * documents per order and the quantity received per order line.
 */
import { writeFileSync } from 'node:fs';
import { okJson } from '@hub/demo';
import { bcControl } from './bc-state';

export type ChaosErp = 'sap' | 'dynamics-finance' | 'business-central';
export const chaosErps: readonly ChaosErp[] = ['sap', 'dynamics-finance', 'business-central'];

/** As the demo's hub maps it for both connectors (SAP_WAREHOUSES, the F&O seed file). */
export const warehouse = 'WH-EAST';
const sapPlant = { Plant: '1010', StorageLocation: '101A' } as const;

export interface CountApply {
  readonly sku: string;
  readonly quantity: number;
  readonly reference: string;
}

export interface ErpOrder {
  readonly number: string;
  /** Line numbers as the WMS sends them back (SAP item 10, 20; F&O line 1, 2), in order. */
  readonly lineNumbers: readonly number[];
}

export interface ErpSnapshot {
  readonly applies: readonly CountApply[];
  onHand(sku: string): number;
  receiptDocuments(order: string): number;
  /** Received per line, in the order's line order. */
  received(order: ErpOrder): number[];
  /** Per receipt document of the order, its quantity per order line (where the ERP shows it). */
  receiptQuantities?(order: ErpOrder): number[][];
  /** Where the ERP's ledger and its documents disagree (where the ERP shows both). */
  ledgerMismatches?(): string[];
}

interface SapState {
  readonly stock: Record<string, number>;
  readonly purchaseOrders: readonly {
    PurchaseOrder: string;
    items: readonly { PurchaseOrderItem: string; received: number }[];
  }[];
  readonly materialDocuments: readonly { items: readonly { PurchaseOrder: string }[] }[];
  readonly physInventoryDocuments: readonly {
    PhysInventoryReferenceNumber: string;
    items: readonly { Material: string; counted: number; PhysInvtryDifferenceIsPosted: boolean }[];
  }[];
}

interface FoState {
  readonly journals: readonly {
    description: string;
    posted: boolean;
    lines: readonly { itemNumber: string; countedQuantity: number }[];
  }[];
  readonly purchaseOrders: readonly {
    number: string;
    lines: readonly { lineNumber: number; received: number }[];
  }[];
  readonly receipts: readonly { poNumber: string }[];
  readonly onHand: Record<string, number>;
}

export interface ErpControl {
  /**
   * Business Central: purchase orders are polled, so every change of the order (each posted
   * receipt moves its lastModifiedDateTime) is a newer version the WMS gets once.
   */
  readonly purchaseOrdersPolled?: boolean;
  /** F&O reads its items from the seed file only: the variables pointing at it. */
  simulatorSeed(items: readonly string[], path: string): Record<string, string>;
  seed(items: readonly string[]): Promise<void>;
  createOrder(
    number: string,
    lines: readonly { sku: string; quantity: number }[],
  ): Promise<ErpOrder>;
  snapshot(): Promise<ErpSnapshot>;
}

function sapControl(control: string): ErpControl {
  return {
    simulatorSeed: () => ({}),
    async seed(items) {
      await okJson(`${control}/seed`, {
        body: {
          plants: [{ Plant: sapPlant.Plant, storageLocations: [sapPlant.StorageLocation] }],
          materials: items.map((Material) => ({ Material })),
        },
      });
    },
    async createOrder(_number, lines) {
      const items = lines.map((line) => ({
        Material: line.sku,
        ...sapPlant,
        OrderQuantity: line.quantity,
        NetPriceAmount: 12.5,
      }));
      const created = await okJson<{ PurchaseOrder: string }>(
        `${control}/purchase-orders?copies=2`,
        {
          body: { Supplier: '17300001', items },
        },
      );
      const state = await okJson<SapState>(`${control}/state`);
      const po = state.purchaseOrders.find((p) => p.PurchaseOrder === created.PurchaseOrder);
      return {
        number: created.PurchaseOrder,
        lineNumbers: (po?.items ?? []).map((item) => Number(item.PurchaseOrderItem)),
      };
    },
    async snapshot() {
      const state = await okJson<SapState>(`${control}/state`);
      return {
        applies: state.physInventoryDocuments.flatMap((document) =>
          document.items
            .filter((item) => item.PhysInvtryDifferenceIsPosted)
            .map((item) => ({
              sku: item.Material,
              quantity: item.counted,
              reference: document.PhysInventoryReferenceNumber,
            })),
        ),
        onHand: (sku) => state.stock[`${sku}|${sapPlant.Plant}|${sapPlant.StorageLocation}`] ?? 0,
        receiptDocuments: (order) =>
          state.materialDocuments.filter((d) =>
            d.items.some((item) => item.PurchaseOrder === order),
          ).length,
        received: (order) => {
          const po = state.purchaseOrders.find((p) => p.PurchaseOrder === order.number);
          return order.lineNumbers.map(
            (n) => po?.items.find((item) => Number(item.PurchaseOrderItem) === n)?.received ?? 0,
          );
        },
      };
    },
  };
}

function foControl(control: string): ErpControl {
  return {
    simulatorSeed: (items, path) => {
      const seed = {
        items: items.map((itemNumber) => ({ itemNumber })),
        warehouses: [{ warehouseId: warehouse, siteId: '1' }],
      };
      writeFileSync(path, JSON.stringify(seed));
      return { FO_SIM_SEED_PATH: path };
    },
    seed: () => Promise.resolve(),
    async createOrder(number, lines) {
      await okJson(`${control}/purchase-orders`, {
        body: {
          number,
          lines: lines.map((line) => ({
            itemNumber: line.sku,
            quantity: line.quantity,
            price: 12.5,
            warehouseId: warehouse,
          })),
        },
      });
      // "Purchase order confirmed" goes out, and again (a retry after a lost answer).
      await okJson(`${control}/purchase-orders/${number}/confirm`, { body: { duplicate: true } });
      return { number, lineNumbers: lines.map((_, i) => i + 1) };
    },
    async snapshot() {
      const state = await okJson<FoState>(`${control}/state`);
      return {
        applies: state.journals
          .filter((journal) => journal.posted)
          .flatMap((journal) =>
            journal.lines.map((line) => ({
              sku: line.itemNumber,
              quantity: line.countedQuantity,
              reference: journal.description,
            })),
          ),
        // Keyed legal entity|item|warehouse: the run has one legal entity.
        onHand: (sku) =>
          Object.entries(state.onHand)
            .filter(([key]) => key.endsWith(`|${sku}|${warehouse}`))
            .reduce((sum, [, quantity]) => sum + quantity, 0),
        receiptDocuments: (order) => state.receipts.filter((r) => r.poNumber === order).length,
        received: (order) => {
          const po = state.purchaseOrders.find((p) => p.number === order.number);
          return order.lineNumbers.map(
            (n) => po?.lines.find((line) => line.lineNumber === n)?.received ?? 0,
          );
        },
      };
    },
  };
}

export function erpControl(kind: ChaosErp, simulatorUrl: string): ErpControl {
  const control = `${simulatorUrl}/__sim/${kind}`;
  switch (kind) {
    case 'sap':
      return sapControl(control);
    case 'dynamics-finance':
      return foControl(control);
    case 'business-central':
      return bcControl(simulatorUrl);
  }
}

/** The keys that occur more than once. */
export function repeated(keys: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${String(n)}`);
}
