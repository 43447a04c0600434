/**
 * API_MATERIAL_DOCUMENT_SRV: goods receipts for purchase orders (GoodsMovementCode 01,
 * movement type 101) as deep inserts, immutable afterwards; `Cancel` posts the reversal
 * (102) and marks the original items cancelled. Checks as S/4 makes them: PO item exists and
 * is open, the material matches the PO item (M7/360), the quantity stays within the
 * over-delivery tolerance (M7/022), a completed item takes no more (M7/064).
 */
import {
  SapODataError,
  decimalOf,
  decimalString,
  odataDate,
  parseODataDate,
  requireLength,
  text,
  type ODataRecord,
} from './sap-odata';
import type { MaterialDocument, MaterialDocumentItem, SapStore } from './sap-store';

export const MATERIAL_DOCUMENT_SERVICE = 'API_MATERIAL_DOCUMENT_SRV';

const refused = (code: string, message: string) =>
  new SapODataError(400, code, message, MATERIAL_DOCUMENT_SERVICE, 'MM-IM-GR');

const yearOf = (ms: number) => String(new Date(ms).getUTCFullYear());

interface PlannedItem {
  readonly body: ODataRecord;
  readonly quantity: number;
}

export function createMaterialDocument(store: SapStore, body: ODataRecord): MaterialDocument {
  if (body.GoodsMovementCode !== '01')
    throw refused('M7/096', `Goods movement code ${text(body.GoodsMovementCode)} is not supported`);
  const headerText = requireLength(
    body.MaterialDocumentHeaderText,
    'MaterialDocumentHeaderText',
    25,
  );
  const reference = requireLength(body.ReferenceDocument, 'ReferenceDocument', 16);
  const postingDate = parseODataDate(body.PostingDate) ?? store.now();
  const documentDate = parseODataDate(body.DocumentDate) ?? postingDate;
  const items = body.to_MaterialDocumentItem;
  if (!Array.isArray(items) || items.length === 0)
    throw refused('M7/110', 'Enter at least one item (to_MaterialDocumentItem)');
  // Check every item before booking any: a material document is all or nothing.
  const planned: PlannedItem[] = items.map((item) => ({
    body: item,
    quantity: checkItem(store, item),
  }));
  const number = store.nextNumber('matdoc');
  const year = yearOf(postingDate);
  const document: MaterialDocument = {
    MaterialDocumentYear: year,
    MaterialDocument: number,
    DocumentDate: documentDate,
    PostingDate: postingDate,
    GoodsMovementCode: '01',
    ReferenceDocument: reference,
    MaterialDocumentHeaderText: headerText,
    CreationDate: store.now(),
    items: planned.map(({ body: item, quantity }, index) => {
      const booked: MaterialDocumentItem = {
        MaterialDocumentItem: String(index + 1),
        Material: text(item.Material),
        Plant: text(item.Plant),
        StorageLocation: text(item.StorageLocation),
        GoodsMovementType: '101',
        PurchaseOrder: text(item.PurchaseOrder),
        PurchaseOrderItem: text(item.PurchaseOrderItem),
        GoodsMovementRefDocType: 'B',
        QuantityInEntryUnit: quantity,
        EntryUnit: typeof item.EntryUnit === 'string' ? item.EntryUnit : 'PC',
        GoodsMovementIsCancelled: false,
        ReversedMaterialDocument: '',
      };
      book(store, booked, quantity);
      return booked;
    }),
  };
  store.materialDocuments.push(document);
  return document;
}

function checkItem(store: SapStore, item: ODataRecord): number {
  if (item.GoodsMovementType !== '101')
    throw refused(
      'M7/096',
      `Goods movement not possible with mvmt type ${text(item.GoodsMovementType)}`,
    );
  if (item.GoodsMovementRefDocType !== 'B')
    throw refused(
      'M7/146',
      'Enter a reference document type B for a goods receipt for a purchase order',
    );
  const { plant, location } = store.requireStorageLocation(item.Plant, item.StorageLocation);
  const quantity = decimalOf(item.QuantityInEntryUnit, 'QuantityInEntryUnit');
  if (quantity <= 0) throw refused('M7/076', 'Enter a quantity greater than zero');
  const po = store.purchaseOrders.get(text(item.PurchaseOrder));
  const poItem = po?.items.find((i) => i.PurchaseOrderItem === text(item.PurchaseOrderItem));
  if (po === undefined || poItem === undefined)
    throw refused(
      '06/019',
      `Purchase order ${text(item.PurchaseOrder)} ${text(item.PurchaseOrderItem)} does not exist`,
    );
  if (item.Material !== poItem.Material)
    throw refused(
      'M7/360',
      `Material ${text(item.Material)} differs from the material ${poItem.Material} in purchase order item ${po.PurchaseOrder} ${poItem.PurchaseOrderItem}`,
    );
  if (poItem.Plant !== plant)
    throw refused(
      'M7/361',
      `Plant ${plant} differs from the plant ${poItem.Plant} in purchase order item`,
    );
  if (poItem.IsCompletelyDelivered)
    throw refused(
      'M7/064',
      `Purchase order item ${po.PurchaseOrder} ${poItem.PurchaseOrderItem.padStart(5, '0')} is already completed`,
    );
  const limit = poItem.OrderQuantity * (1 + poItem.OverdelivTolrtdLmtRatioInPct / 100);
  const after = poItem.received + quantity;
  if (after > limit + 1e-9)
    throw refused(
      'M7/022',
      `PO ${po.PurchaseOrder} ${poItem.PurchaseOrderItem.padStart(5, '0')} exceeded by ${decimalString(after - poItem.OrderQuantity).replace(/\.?0+$/, '')} ${poItem.PurchaseOrderQuantityUnit} : ${poItem.Material} ${plant} ${location}`,
    );
  return quantity;
}

function book(store: SapStore, item: MaterialDocumentItem, signed: number): void {
  const { Material, Plant, StorageLocation } = item;
  store.setStock(
    Material,
    Plant,
    StorageLocation,
    store.getStock(Material, Plant, StorageLocation) + signed,
  );
  const po = store.purchaseOrders.get(item.PurchaseOrder);
  const poItem = po?.items.find((i) => i.PurchaseOrderItem === item.PurchaseOrderItem);
  if (poItem === undefined) return;
  poItem.received += signed;
  poItem.IsCompletelyDelivered = poItem.received >= poItem.OrderQuantity;
}

/** `Cancel`: a reversal document (102) for every item not yet cancelled. */
export function cancelMaterialDocument(
  store: SapStore,
  params: Record<string, string>,
): MaterialDocument {
  const original = store.materialDocuments.find(
    (d) =>
      d.MaterialDocument === params.MaterialDocument &&
      d.MaterialDocumentYear === params.MaterialDocumentYear,
  );
  if (original === undefined)
    throw new SapODataError(
      404,
      'M7/075',
      `Material document ${String(params.MaterialDocument)} ${String(params.MaterialDocumentYear)} does not exist`,
      MATERIAL_DOCUMENT_SERVICE,
      'MM-IM-GR',
    );
  const open = original.items.filter((i) => !i.GoodsMovementIsCancelled);
  if (open.length === 0)
    throw refused(
      'M7/248',
      `Material document ${original.MaterialDocument} has already been cancelled`,
    );
  const postingDate = parseODataDate(params.PostingDate) ?? store.now();
  const reversal: MaterialDocument = {
    ...original,
    MaterialDocumentYear: yearOf(postingDate),
    MaterialDocument: store.nextNumber('matdoc'),
    PostingDate: postingDate,
    GoodsMovementCode: '06',
    MaterialDocumentHeaderText: '',
    CreationDate: store.now(),
    items: open.map((item, index) => {
      item.GoodsMovementIsCancelled = true;
      const reversed = {
        ...item,
        MaterialDocumentItem: String(index + 1),
        GoodsMovementType: '102',
        GoodsMovementIsCancelled: false,
        ReversedMaterialDocument: original.MaterialDocument,
      };
      book(store, reversed, -item.QuantityInEntryUnit);
      return reversed;
    }),
  };
  store.materialDocuments.push(reversal);
  return reversal;
}

export function materialDocumentItemRecord(
  d: MaterialDocument,
  i: MaterialDocumentItem,
): ODataRecord {
  return {
    MaterialDocumentYear: d.MaterialDocumentYear,
    MaterialDocument: d.MaterialDocument,
    MaterialDocumentItem: i.MaterialDocumentItem,
    Material: i.Material,
    Plant: i.Plant,
    StorageLocation: i.StorageLocation,
    Batch: '',
    GoodsMovementType: i.GoodsMovementType,
    InventoryStockType: '01',
    PurchaseOrder: i.PurchaseOrder,
    PurchaseOrderItem: i.PurchaseOrderItem,
    GoodsMovementRefDocType: i.GoodsMovementRefDocType,
    QuantityInEntryUnit: decimalString(i.QuantityInEntryUnit),
    EntryUnit: i.EntryUnit,
    GoodsMovementIsCancelled: i.GoodsMovementIsCancelled,
    ReversedMaterialDocument: i.ReversedMaterialDocument,
    MaterialDocumentItemText: '',
  };
}

export function materialDocumentRecord(d: MaterialDocument, expand: boolean): ODataRecord {
  return {
    MaterialDocumentYear: d.MaterialDocumentYear,
    MaterialDocument: d.MaterialDocument,
    InventoryTransactionType: 'WE',
    DocumentDate: odataDate(d.DocumentDate),
    PostingDate: odataDate(d.PostingDate),
    CreationDate: odataDate(d.CreationDate),
    GoodsMovementCode: d.GoodsMovementCode,
    ReferenceDocument: d.ReferenceDocument,
    MaterialDocumentHeaderText: d.MaterialDocumentHeaderText,
    ...(expand
      ? {
          to_MaterialDocumentItem: {
            results: d.items.map((i) => materialDocumentItemRecord(d, i)),
          },
        }
      : {}),
  };
}
