/**
 * What the ERP-neutral steps need from the simulated ERP, read through its control routes
 * (`/__sim/<erp>/...`): what it really did (documents created, postings, quantities booked),
 * never what a de-duplicating receiver kept.
 */
import type { Hub } from '../../hub/start-hub';

export interface ErpOrderLine {
  /** The line number the WMS sends back in a goods receipt (SAP item 10, 20; F&O line 1, 2). */
  readonly lineNumber: number;
  readonly sku: string;
  readonly quantity: number;
}

export interface ErpOrder {
  readonly number: string;
  readonly lines: readonly ErpOrderLine[];
}

export interface ErpDriver {
  /** Shown in the report: "SAP", "F&O", ... */
  readonly name: string;
  /** What the ERP calls the inventory document and the receipt document. */
  readonly countDocument: string;
  readonly receiptDocument: string;
  /** Items and warehouse the ERP knows (seeded here or from the simulator's seed file). */
  seed(): Promise<void>;
  onHand(sku: string): Promise<number>;
  /** Inventory documents written for the SKU (SAP: physical inventory documents created, F&O: counting journals posted). */
  countPostings(sku: string): Promise<number>;
  /**
   * A buyer creates (and confirms) a purchase order in the ERP; its notification reaches the
   * ingress twice (a redelivered event).
   */
  createPurchaseOrder(lines: readonly { sku: string; quantity: number }[]): Promise<ErpOrder>;
  /**
   * How often the hub has been told about purchase orders so far (SAP, F&O: notifications
   * at the ingress; BC, polled: purchase orders the WMS connector handled).
   */
  notifications(hub: Hub): Promise<number>;
  /** Receipt documents booked against the order. */
  receiptDocuments(order: string): Promise<number>;
  /** Quantity received per order line number. */
  receivedQuantities(order: string): Promise<Map<number, number>>;
  /** The next receipt write fails after the ERP committed it (500, the hub never learns). */
  failNextReceiptAfterCommit(): Promise<void>;
  clearFaults(): Promise<void>;
}

export interface ErpStoryWorld {
  readonly hub: Hub;
  readonly erp: ErpDriver;
  readonly skus: readonly string[];
  readonly warehouse: string;
  readonly orders: ErpOrder[];
}
