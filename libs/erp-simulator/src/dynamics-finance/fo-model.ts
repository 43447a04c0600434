/**
 * The records the simulated Dynamics 365 Finance & Operations holds, per legal entity
 * (`dataAreaId`, lower case in OData). Field names are the public OData property names of
 * the entities listed in the README of apps/connector-dynamics-finance.
 */
export type FoValue = string | number | boolean | null;
export type FoRow = Readonly<Record<string, FoValue>>;

export interface FoItem {
  readonly dataAreaId: string;
  readonly itemNumber: string;
  readonly unit: string;
}

export interface FoWarehouse {
  readonly dataAreaId: string;
  readonly warehouseId: string;
  readonly siteId: string;
}

export interface FoJournalLine {
  readonly lineNumber: number;
  readonly itemNumber: string;
  readonly siteId: string;
  readonly warehouseId: string;
  readonly countedQuantity: number;
  readonly countingDate: string;
}

export interface FoJournal {
  readonly dataAreaId: string;
  readonly journalNumber: string;
  readonly journalNameId: string;
  readonly description: string;
  readonly defaultWarehouseId: string;
  readonly defaultSiteId: string;
  readonly lines: FoJournalLine[];
  posted: boolean;
  postedAt: number | undefined;
}

/** PurchStatus as OData shows it. */
export type PurchaseOrderStatus = 'Backorder' | 'Received' | 'Invoiced' | 'Canceled';
/** VersioningDocumentState (change management) as OData shows it. */
export type ApprovalStatus = 'Draft' | 'InReview' | 'Approved' | 'Confirmed' | 'Rejected';

export interface FoPurchaseLine {
  readonly lineNumber: number;
  readonly itemNumber: string;
  readonly quantity: number;
  readonly unit: string;
  readonly price: number;
  readonly siteId: string;
  readonly warehouseId: string;
  readonly deliveryDate: string;
  received: number;
}

export interface FoPurchaseOrder {
  readonly dataAreaId: string;
  readonly number: string;
  readonly vendor: string;
  readonly currency: string;
  readonly orderDate: number;
  status: PurchaseOrderStatus;
  approval: ApprovalStatus;
  modifiedAt: number;
  readonly lines: FoPurchaseLine[];
}

export interface FoReceiptLine {
  readonly lineNumber: number;
  readonly itemNumber: string;
  readonly quantity: number;
}

export interface FoReceipt {
  readonly dataAreaId: string;
  readonly receiptNumber: string;
  readonly poNumber: string;
  readonly vendor: string;
  readonly date: string;
  readonly lines: readonly FoReceiptLine[];
}

const isoDate = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function headerRow(j: FoJournal): FoRow {
  return {
    dataAreaId: j.dataAreaId,
    JournalNumber: j.journalNumber,
    JournalNameId: j.journalNameId,
    Description: j.description,
    DefaultWarehouseId: j.defaultWarehouseId,
    DefaultInventorySiteId: j.defaultSiteId,
    AreLinesDeletedAfterPosting: 'No',
    HubIsPosted: j.posted ? 'Yes' : 'No',
  };
}

export function journalLineRow(j: FoJournal, l: FoJournalLine): FoRow {
  return {
    dataAreaId: j.dataAreaId,
    JournalNumber: j.journalNumber,
    LineNumber: l.lineNumber,
    ItemNumber: l.itemNumber,
    InventorySiteId: l.siteId,
    WarehouseId: l.warehouseId,
    CountedQuantity: l.countedQuantity,
    CountingDate: l.countingDate,
  };
}

export function purchaseHeaderRow(po: FoPurchaseOrder): FoRow {
  return {
    dataAreaId: po.dataAreaId,
    PurchaseOrderNumber: po.number,
    OrderVendorAccountNumber: po.vendor,
    CurrencyCode: po.currency,
    PurchaseOrderStatus: po.status,
    DocumentApprovalStatus: po.approval,
    AccountingDate: isoDate(po.orderDate),
    HubModifiedDateTime: isoDate(po.modifiedAt),
  };
}

export function purchaseLineRow(po: FoPurchaseOrder, l: FoPurchaseLine): FoRow {
  return {
    dataAreaId: po.dataAreaId,
    PurchaseOrderNumber: po.number,
    LineNumber: l.lineNumber,
    ItemNumber: l.itemNumber,
    OrderedPurchaseQuantity: l.quantity,
    PurchaseUnitSymbol: l.unit,
    PurchasePrice: l.price,
    ReceivingSiteId: l.siteId,
    ReceivingWarehouseId: l.warehouseId,
    RequestedDeliveryDate: l.deliveryDate,
    ConfirmedDeliveryDate: l.deliveryDate,
    PurchaseOrderLineStatus: l.received >= l.quantity ? 'Received' : 'Backorder',
  };
}

export function receiptHeaderRow(r: FoReceipt): FoRow {
  return {
    dataAreaId: r.dataAreaId,
    ProductReceiptNumber: r.receiptNumber,
    PurchaseOrderNumber: r.poNumber,
    OrderVendorAccountNumber: r.vendor,
    ProductReceiptDate: r.date,
  };
}

export function receiptLineRow(r: FoReceipt, l: FoReceiptLine): FoRow {
  return {
    dataAreaId: r.dataAreaId,
    ProductReceiptNumber: r.receiptNumber,
    PurchaseOrderNumber: r.poNumber,
    PurchaseOrderLineNumber: l.lineNumber,
    ItemNumber: l.itemNumber,
    ReceivedInventoryQuantity: l.quantity,
  };
}

export { isoDate };
