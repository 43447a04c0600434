/**
 * The simulated F&O's data and what writes do to it: counting journals (created through
 * OData, posted only by the shipped X++ action), purchase orders and the product receipts
 * the shipped action posts over the purchase form letter. Validation failures are the
 * AxODataWriteException / X++ error answers F&O gives.
 */
import { actionFailure, writeFailure } from './fo-errors';
import {
  headerRow,
  isoDate,
  journalLineRow,
  purchaseHeaderRow,
  purchaseLineRow,
  receiptHeaderRow,
  receiptLineRow,
  type FoItem,
  type FoJournal,
  type FoPurchaseOrder,
  type FoReceipt,
  type FoRow,
  type FoValue,
  type FoWarehouse,
} from './fo-model';
import { ON_HAND_SET, onHandRows } from './fo-onhand';

export interface FoSeed {
  readonly legalEntities?: readonly string[];
  readonly items?: readonly { dataAreaId?: string; itemNumber: string; unit?: string }[];
  readonly warehouses?: readonly { dataAreaId?: string; warehouseId: string; siteId: string }[];
  readonly journalNames?: readonly string[];
}

export interface SeedPurchaseOrderInput {
  readonly dataAreaId?: string;
  readonly number: string;
  readonly vendor?: string;
  readonly currency?: string;
  readonly approval?: FoPurchaseOrder['approval'];
  readonly lines: readonly {
    itemNumber: string;
    quantity: number;
    price?: number;
    warehouseId?: string;
  }[];
}

export const defaultFoSeed: Required<FoSeed> = {
  legalEntities: ['usmf', 'demf'],
  items: [
    { itemNumber: 'A0001', unit: 'ea' },
    { itemNumber: 'A0002', unit: 'ea' },
    { itemNumber: 'M0001', unit: 'kg' },
    { dataAreaId: 'demf', itemNumber: 'A0001', unit: 'ea' },
  ],
  warehouses: [
    { warehouseId: '11', siteId: '1' },
    { warehouseId: '12', siteId: '1' },
    { dataAreaId: 'demf', warehouseId: '11', siteId: '1' },
  ],
  journalNames: ['ICnt'],
};

type Body = Readonly<Record<string, unknown>>;

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

export class FoStore {
  readonly legalEntities: Set<string>;
  readonly items: FoItem[] = [];
  readonly warehouses: FoWarehouse[] = [];
  readonly journalNames: Set<string>;
  readonly journals: FoJournal[] = [];
  readonly purchaseOrders: FoPurchaseOrder[] = [];
  readonly receipts: FoReceipt[] = [];
  /** `${dataAreaId}|${item}|${warehouse}` → on-hand quantity. */
  readonly onHand = new Map<string, number>();
  /** Journal postings done (journalNumber per posting), to prove "posted once". */
  readonly postings: string[] = [];
  private readonly sequences = new Map<string, number>();

  constructor(
    seed: FoSeed,
    private readonly now: () => number,
  ) {
    this.legalEntities = new Set(seed.legalEntities ?? defaultFoSeed.legalEntities);
    this.journalNames = new Set(seed.journalNames ?? defaultFoSeed.journalNames);
    for (const item of seed.items ?? defaultFoSeed.items)
      this.items.push({
        dataAreaId: item.dataAreaId ?? 'usmf',
        itemNumber: item.itemNumber,
        unit: item.unit ?? 'ea',
      });
    for (const w of seed.warehouses ?? defaultFoSeed.warehouses)
      this.warehouses.push({
        dataAreaId: w.dataAreaId ?? 'usmf',
        warehouseId: w.warehouseId,
        siteId: w.siteId,
      });
  }

  rows(entitySet: string): FoRow[] | undefined {
    switch (entitySet) {
      case 'InventoryCountingJournalHeaders':
        return this.journals.map(headerRow);
      case 'InventoryCountingJournalLines':
        return this.journals.flatMap((j) => j.lines.map((l) => journalLineRow(j, l)));
      case 'PurchaseOrderHeadersV2':
        return this.purchaseOrders.map(purchaseHeaderRow);
      case 'PurchaseOrderLinesV2':
        return this.purchaseOrders.flatMap((po) => po.lines.map((l) => purchaseLineRow(po, l)));
      case 'ProductReceiptHeaders':
        return this.receipts.map(receiptHeaderRow);
      case 'ProductReceiptLines':
        return this.receipts.flatMap((r) => r.lines.map((l) => receiptLineRow(r, l)));
      case 'Warehouses':
        return this.warehouses.map((w) => ({
          dataAreaId: w.dataAreaId,
          WarehouseId: w.warehouseId,
          OperationalSiteId: w.siteId,
        }));
      case ON_HAND_SET:
        return onHandRows(this);
      case 'LegalEntities':
        return [...this.legalEntities].map((id) => ({ LegalEntityId: id.toUpperCase(), Name: id }));
      default:
        return undefined;
    }
  }

  onHandOf(item: string, warehouse: string, dataAreaId = 'usmf'): number {
    return this.onHand.get(`${dataAreaId}|${item}|${warehouse}`) ?? 0;
  }

  private next(kind: string, dataAreaId: string, width = 6): string {
    const key = `${kind}|${dataAreaId}`;
    const value = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, value);
    return String(value).padStart(width, '0');
  }

  private company(body: Body, entity: string, fallback: string): string {
    const area = (str(body.dataAreaId) ?? fallback).toLowerCase();
    if (!this.legalEntities.has(area))
      throw writeFailure(entity, `Error: Company ${area} does not exist.`);
    return area;
  }

  private warehouse(area: string, id: string | undefined, entity: string): FoWarehouse {
    const found = this.warehouses.find((w) => w.dataAreaId === area && w.warehouseId === id);
    if (!found)
      throw writeFailure(
        entity,
        `Error: Warehouse ${id ?? ''} does not exist.\nField 'Warehouse' must be filled in.`,
      );
    return found;
  }

  createJournalHeader(body: Body, defaultCompany: string): FoRow {
    const entity = 'InventInventoryCountingJournalHeaderEntity';
    const area = this.company(body, entity, defaultCompany);
    const nameId = str(body.JournalNameId);
    if (nameId === undefined || !this.journalNames.has(nameId))
      throw writeFailure(entity, `Error: Journal name ${nameId ?? ''} does not exist.`);
    const warehouse = str(body.DefaultWarehouseId);
    const site = warehouse === undefined ? undefined : this.warehouse(area, warehouse, entity);
    const journal: FoJournal = {
      dataAreaId: area,
      journalNumber: this.next('journal', area),
      journalNameId: nameId,
      description: (str(body.Description) ?? '').slice(0, 60),
      defaultWarehouseId: warehouse ?? '',
      defaultSiteId: site?.siteId ?? '',
      lines: [],
      posted: false,
      postedAt: undefined,
    };
    this.journals.push(journal);
    return headerRow(journal);
  }

  journal(area: string, number: string): FoJournal | undefined {
    return this.journals.find((j) => j.dataAreaId === area && j.journalNumber === number);
  }

  createJournalLine(body: Body, defaultCompany: string): FoRow {
    const entity = 'InventInventoryCountingJournalLineEntity';
    const area = this.company(body, entity, defaultCompany);
    const journal = this.journal(area, str(body.JournalNumber) ?? '');
    if (!journal)
      throw writeFailure(entity, `Error: Journal ${str(body.JournalNumber) ?? ''} does not exist.`);
    if (journal.posted)
      throw writeFailure(
        entity,
        `Error: Journal ${journal.journalNumber} is posted and cannot be changed.`,
      );
    const item = str(body.ItemNumber);
    if (!this.items.some((i) => i.dataAreaId === area && i.itemNumber === item))
      throw writeFailure(entity, `Error: Item number ${item ?? ''} does not exist.`);
    const warehouse = this.warehouse(area, str(body.WarehouseId), entity);
    const site = str(body.InventorySiteId) ?? warehouse.siteId;
    if (site !== warehouse.siteId)
      throw writeFailure(
        entity,
        `Error: Warehouse ${warehouse.warehouseId} is not connected to site ${site}.`,
      );
    if (typeof body.CountedQuantity !== 'number' || body.CountedQuantity < 0)
      throw writeFailure(entity, "Error: Field 'Counted' must be filled in.");
    const line = {
      lineNumber: journal.lines.length + 1,
      itemNumber: item ?? '',
      siteId: site,
      warehouseId: warehouse.warehouseId,
      countedQuantity: body.CountedQuantity,
      countingDate: str(body.CountingDate) ?? isoDate(this.now()),
    };
    journal.lines.push(line);
    return journalLineRow(journal, line);
  }

  /** The shipped action HubPostCountingJournal: posts once; a posted journal answers AlreadyPosted. */
  postJournal(journal: FoJournal): FoValue {
    if (journal.posted) return 'AlreadyPosted';
    if (journal.lines.length === 0)
      throw actionFailure(`Journal ${journal.journalNumber} has no lines; nothing to post.`);
    for (const line of journal.lines)
      this.onHand.set(
        `${journal.dataAreaId}|${line.itemNumber}|${line.warehouseId}`,
        line.countedQuantity,
      );
    journal.posted = true;
    journal.postedAt = this.now();
    this.postings.push(journal.journalNumber);
    return 'Posted';
  }

  seedPurchaseOrder(input: SeedPurchaseOrderInput): FoPurchaseOrder {
    const area = input.dataAreaId ?? 'usmf';
    const po: FoPurchaseOrder = {
      dataAreaId: area,
      number: input.number,
      vendor: input.vendor ?? 'US-101',
      currency: input.currency ?? 'USD',
      orderDate: this.now(),
      status: 'Backorder',
      approval: input.approval ?? 'Approved',
      modifiedAt: this.now(),
      lines: input.lines.map((l, index) => {
        const warehouse = this.warehouse(
          area,
          l.warehouseId ?? '11',
          'PurchPurchaseOrderLineV2Entity',
        );
        return {
          lineNumber: index + 1,
          itemNumber: l.itemNumber,
          quantity: l.quantity,
          unit: this.items.find((i) => i.itemNumber === l.itemNumber)?.unit ?? 'ea',
          price: l.price ?? 10,
          siteId: warehouse.siteId,
          warehouseId: warehouse.warehouseId,
          deliveryDate: '2026-12-24T12:00:00Z',
          received: 0,
        };
      }),
    };
    this.purchaseOrders.push(po);
    return po;
  }

  purchaseOrder(area: string, number: string): FoPurchaseOrder | undefined {
    return this.purchaseOrders.find((p) => p.dataAreaId === area && p.number === number);
  }
}
