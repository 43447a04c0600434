/**
 * API_PHYSICAL_INVENTORY_DOC_SRV: create a document for one plant and storage location
 * (deep insert with items), enter the count on an item (PATCH with If-Match), post the
 * difference (`PostDifferences`): SAP books the difference between the count and the book
 * quantity at count time as a material document (701 surplus, 702 shortage), marks the
 * item posted, and refuses a second posting.
 */
import {
  SapODataError,
  decimalOf,
  decimalString,
  odataDate,
  odataDateTimeOffset,
  parseODataDate,
  requireLength,
  type ODataRecord,
} from './sap-odata';
import type { PhysInventoryDocument, PhysInventoryItem, SapStore } from './sap-store';

export const PHYSICAL_INVENTORY_SERVICE = 'API_PHYSICAL_INVENTORY_DOC_SRV';

const refused = (code: string, message: string, status = 400) =>
  new SapODataError(status, code, message, PHYSICAL_INVENTORY_SERVICE, 'MM-IM-PI');

export function createPhysInventoryDocument(
  store: SapStore,
  body: ODataRecord,
): PhysInventoryDocument {
  const { plant, location } = store.requireStorageLocation(body.Plant, body.StorageLocation);
  const reference = requireLength(
    body.PhysInventoryReferenceNumber,
    'PhysInventoryReferenceNumber',
    16,
  );
  const items = body.to_PhysicalInventoryDocumentItem;
  if (!Array.isArray(items) || items.length === 0)
    throw refused('M7/110', 'Enter at least one item (to_PhysicalInventoryDocumentItem)');
  const now = store.now();
  const planned = parseODataDate(body.PhysInventoryPlannedCountDate) ?? now;
  const document: PhysInventoryDocument = {
    FiscalYear: String(new Date(planned).getUTCFullYear()),
    PhysicalInventoryDocument: store.nextNumber('pidoc'),
    Plant: plant,
    StorageLocation: location,
    PhysInventoryReferenceNumber: reference,
    PhysicalInventoryDocumentDesc: requireLength(
      body.PhysicalInventoryDocumentDesc,
      'PhysicalInventoryDocumentDesc',
      16,
    ),
    DocumentDate: parseODataDate(body.DocumentDate) ?? now,
    PhysInventoryPlannedCountDate: planned,
    PhysInvtryDocHasQtySnapshot: body.PhysInvtryDocHasQtySnapshot === true,
    changedAt: now,
    items: items.map((item, index) => {
      const material = store.requireMaterial(item.Material);
      return {
        PhysicalInventoryDocumentItem: String(index + 1),
        Material: material,
        UnitOfEntry: store.materials.get(material)?.BaseUnit ?? 'PC',
        counted: 0,
        PhysicalInventoryItemIsZero: false,
        PhysicalInventoryItemIsCounted: false,
        PhysInvtryDifferenceIsPosted: false,
        book: store.getStock(material, plant, location),
        materialDocument: undefined,
        changedAt: now,
      };
    }),
  };
  store.physInventoryDocuments.push(document);
  return document;
}

export function findPhysInventoryDocument(
  store: SapStore,
  keys: Record<string, string>,
): PhysInventoryDocument {
  const document = store.physInventoryDocuments.find(
    (d) =>
      d.FiscalYear === keys.FiscalYear &&
      d.PhysicalInventoryDocument === keys.PhysicalInventoryDocument,
  );
  if (document === undefined)
    throw refused(
      'M7/703',
      `Physical inventory document ${String(keys.PhysicalInventoryDocument)} ${String(keys.FiscalYear)} does not exist`,
      404,
    );
  return document;
}

export function findPhysInventoryItem(
  store: SapStore,
  keys: Record<string, string>,
): [PhysInventoryDocument, PhysInventoryItem] {
  const document = findPhysInventoryDocument(store, keys);
  const item = document.items.find(
    (i) => i.PhysicalInventoryDocumentItem === keys.PhysicalInventoryDocumentItem,
  );
  if (item === undefined)
    throw refused(
      'M7/703',
      `Item ${String(keys.PhysicalInventoryDocumentItem)} of physical inventory document ${document.PhysicalInventoryDocument} does not exist`,
      404,
    );
  return [document, item];
}

export const itemETag = (item: PhysInventoryItem) =>
  `W/"datetimeoffset'${new Date(item.changedAt).toISOString().replace('Z', '')}'"`;

/** PATCH of an item: the count (`QuantityInUnitOfEntry` + `UnitOfEntry`, or `PhysicalInventoryItemIsZero`). */
export function enterCount(
  store: SapStore,
  document: PhysInventoryDocument,
  item: PhysInventoryItem,
  body: ODataRecord,
): void {
  if (item.PhysInvtryDifferenceIsPosted)
    throw refused(
      'M7/716',
      `Item ${item.PhysicalInventoryDocumentItem} of physical inventory document ${document.PhysicalInventoryDocument} has already been posted`,
    );
  const zero = body.PhysicalInventoryItemIsZero === true;
  const counted = zero ? 0 : decimalOf(body.QuantityInUnitOfEntry, 'QuantityInUnitOfEntry');
  if (!zero && counted === 0)
    throw refused(
      'M7/712',
      'Enter a quantity, or set the zero count indicator (PhysicalInventoryItemIsZero)',
    );
  if (counted < 0) throw refused('M7/076', 'Enter a quantity that is not negative');
  if (typeof body.UnitOfEntry === 'string') item.UnitOfEntry = body.UnitOfEntry;
  item.counted = counted;
  item.PhysicalInventoryItemIsZero = zero;
  item.PhysicalInventoryItemIsCounted = true;
  // Without a snapshot (freeze) the book quantity is read when the count is entered.
  if (!document.PhysInvtryDocHasQtySnapshot)
    item.book = store.getStock(item.Material, document.Plant, document.StorageLocation);
  item.changedAt = store.now();
  document.changedAt = item.changedAt;
}

/** `PostDifferences`: every counted, unposted item is booked; nothing left to post is refused. */
export function postDifferences(
  store: SapStore,
  params: Record<string, string>,
): PhysInventoryDocument {
  const document = findPhysInventoryDocument(store, params);
  const open = document.items.filter(
    (i) => i.PhysicalInventoryItemIsCounted && !i.PhysInvtryDifferenceIsPosted,
  );
  if (document.items.every((i) => i.PhysInvtryDifferenceIsPosted))
    throw refused(
      'M7/716',
      `Physical inventory document ${document.PhysicalInventoryDocument} has already been posted`,
    );
  if (open.length === 0)
    throw refused(
      'M7/714',
      `No counted items in physical inventory document ${document.PhysicalInventoryDocument}`,
    );
  const postingDate = parseODataDate(params.PostingDate) ?? store.now();
  const year = String(new Date(postingDate).getUTCFullYear());
  const number = store.nextNumber('matdoc');
  const items = open.map((item, index) => {
    const difference = item.counted - item.book;
    const { Plant, StorageLocation } = document;
    store.setStock(
      item.Material,
      Plant,
      StorageLocation,
      store.getStock(item.Material, Plant, StorageLocation) + difference,
    );
    item.PhysInvtryDifferenceIsPosted = true;
    item.materialDocument = { year, document: number, item: String(index + 1) };
    item.changedAt = store.now();
    return {
      MaterialDocumentItem: String(index + 1),
      Material: item.Material,
      Plant,
      StorageLocation,
      GoodsMovementType: difference >= 0 ? '701' : '702',
      PurchaseOrder: '',
      PurchaseOrderItem: '',
      GoodsMovementRefDocType: '',
      QuantityInEntryUnit: Math.abs(difference),
      EntryUnit: item.UnitOfEntry,
      GoodsMovementIsCancelled: false,
      ReversedMaterialDocument: '',
    };
  });
  store.materialDocuments.push({
    MaterialDocumentYear: year,
    MaterialDocument: number,
    DocumentDate: postingDate,
    PostingDate: postingDate,
    GoodsMovementCode: '',
    ReferenceDocument: document.PhysicalInventoryDocument,
    MaterialDocumentHeaderText: '',
    CreationDate: store.now(),
    items,
  });
  document.changedAt = store.now();
  return document;
}

export function physInventoryItemRecord(
  d: PhysInventoryDocument,
  i: PhysInventoryItem,
): ODataRecord {
  return {
    __metadata: {
      etag: itemETag(i),
      type: 'API_PHYSICAL_INVENTORY_DOC_SRV.A_PhysInventoryDocItemType',
    },
    FiscalYear: d.FiscalYear,
    PhysicalInventoryDocument: d.PhysicalInventoryDocument,
    PhysicalInventoryDocumentItem: i.PhysicalInventoryDocumentItem,
    Plant: d.Plant,
    StorageLocation: d.StorageLocation,
    Material: i.Material,
    Batch: '',
    UnitOfEntry: i.UnitOfEntry,
    QuantityInUnitOfEntry: decimalString(i.counted),
    PhysicalInventoryItemIsZero: i.PhysicalInventoryItemIsZero,
    PhysicalInventoryItemIsCounted: i.PhysicalInventoryItemIsCounted,
    PhysInvtryDifferenceIsPosted: i.PhysInvtryDifferenceIsPosted,
    BookQtyBfrCountInMatlBaseUnit: decimalString(i.book),
    MaterialDocument: i.materialDocument?.document ?? '',
    MaterialDocumentYear: i.materialDocument?.year ?? '',
    MaterialDocumentItem: i.materialDocument?.item ?? '',
    PhysInventoryReferenceNumber: d.PhysInventoryReferenceNumber,
    LastChangeDateTime: odataDateTimeOffset(i.changedAt),
  };
}

export function physInventoryDocumentRecord(
  d: PhysInventoryDocument,
  expand: boolean,
): ODataRecord {
  return {
    FiscalYear: d.FiscalYear,
    PhysicalInventoryDocument: d.PhysicalInventoryDocument,
    Plant: d.Plant,
    StorageLocation: d.StorageLocation,
    InventorySpecialStockType: '',
    DocumentDate: odataDate(d.DocumentDate),
    PhysInventoryPlannedCountDate: odataDate(d.PhysInventoryPlannedCountDate),
    PhysInvtryDocHasQtySnapshot: d.PhysInvtryDocHasQtySnapshot,
    PhysInventoryReferenceNumber: d.PhysInventoryReferenceNumber,
    PhysicalInventoryDocumentDesc: d.PhysicalInventoryDocumentDesc,
    LastChangeDateTime: odataDateTimeOffset(d.changedAt),
    ...(expand
      ? {
          to_PhysicalInventoryDocumentItem: {
            results: d.items.map((i) => physInventoryItemRecord(d, i)),
          },
        }
      : {}),
  };
}
