/**
 * The state of one simulated Business Central environment: companies, each with items,
 * locations, purchase orders (with lines), posted receipts and item ledger entries, plus
 * the extension's write log. Every entity has a version (its ETag) and a
 * lastModifiedDateTime (SystemModifiedAt, millisecond precision like BC's).
 */
import { randomUUID } from 'node:crypto';

export interface BcVersioned {
  readonly id: string;
  version: number;
  lastModified: number;
}

export interface BcItem extends BcVersioned {
  readonly number: string;
  displayName: string;
  readonly baseUnitOfMeasureCode: string;
  unitPrice: number;
}

export interface BcLocation extends BcVersioned {
  readonly code: string;
  readonly displayName: string;
}

export interface BcPurchaseOrderLine extends BcVersioned {
  readonly documentId: string;
  readonly sequence: number;
  readonly itemId: string;
  readonly lineObjectNumber: string;
  description: string;
  readonly unitOfMeasureCode: string;
  quantity: number;
  readonly directUnitCost: number;
  readonly locationId: string;
  readonly expectedReceiptDate: string;
  receivedQuantity: number;
  /** "Qty. to Receive"; BC initialises it to the outstanding quantity. */
  receiveQuantity: number;
  invoiceQuantity: number;
}

export interface BcPurchaseOrder extends BcVersioned {
  readonly number: string;
  readonly vendorNumber: string;
  readonly vendorName: string;
  readonly currencyCode: string;
  /** API status: Draft (Open), In Review (Pending Approval), Open (Released). */
  status: 'Draft' | 'In Review' | 'Open';
  readonly orderDate: string;
  readonly lines: BcPurchaseOrderLine[];
}

export interface BcReceiptLine {
  readonly id: string;
  readonly documentId: string;
  readonly sequence: number;
  readonly lineObjectNumber: string;
  readonly itemId: string;
  readonly quantity: number;
  readonly locationId: string;
}

export interface BcReceipt extends BcVersioned {
  readonly number: string;
  readonly orderNumber: string;
  readonly vendorNumber: string;
  readonly postingDate: string;
  readonly lines: BcReceiptLine[];
}

export interface BcLedgerEntry {
  readonly entryNumber: number;
  readonly itemNumber: string;
  readonly locationCode: string;
  readonly quantity: number;
  readonly entryType: 'Positive Adjmt.' | 'Negative Adjmt.' | 'Purchase';
  readonly documentNumber: string;
  /** SystemCreatedAt, epoch ms: ledger entries are only ever inserted. */
  readonly createdAt: number;
}

/** A row of the extension's "Hub Inventory Write" table. */
export interface BcHubInventoryWrite extends BcVersioned {
  readonly hubReference: string;
  readonly itemNumber: string;
  readonly locationCode: string;
  readonly quantity: number;
  readonly adjustment: number;
  /** When the hub's source counted (ms since 1970 UTC). */
  readonly sourceVersion: number;
}

export interface BcCompany {
  readonly id: string;
  readonly name: string;
  readonly items: BcItem[];
  readonly locations: BcLocation[];
  readonly purchaseOrders: BcPurchaseOrder[];
  readonly receipts: BcReceipt[];
  readonly ledger: BcLedgerEntry[];
  readonly inventoryWrites: BcHubInventoryWrite[];
}

export interface BcSeedItem {
  readonly number: string;
  readonly displayName?: string;
  readonly unit?: string;
}

export interface BcSeedCompany {
  readonly name: string;
  readonly locations?: readonly string[];
  readonly items?: readonly BcSeedItem[];
  /** Opening stock: item number → location code → quantity. */
  readonly stock?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface BcSeedPurchaseOrder {
  readonly number?: string;
  readonly vendorNumber?: string;
  readonly status?: BcPurchaseOrder['status'];
  readonly lines: readonly { item: string; quantity: number; location: string; cost?: number }[];
}

export class BcStore {
  readonly companies: BcCompany[] = [];
  private tick = 0;
  private poCounter = 106000;
  /** Told of every changed entity (webhook subscriptions listen here). */
  onTouch: ((entity: BcVersioned) => void) | undefined;

  constructor(private readonly now: () => number) {}

  /** A strictly increasing time: two changes never share a SystemModifiedAt unless the clock says so. */
  stamp(): number {
    this.tick = Math.max(this.tick + 1, this.now());
    return this.tick;
  }

  touch(entity: BcVersioned): void {
    entity.version += 1;
    entity.lastModified = this.stamp();
    this.onTouch?.(entity);
  }

  addCompany(seed: BcSeedCompany): BcCompany {
    const company: BcCompany = {
      id: randomUUID(),
      name: seed.name,
      items: [],
      locations: [],
      purchaseOrders: [],
      receipts: [],
      ledger: [],
      inventoryWrites: [],
    };
    for (const code of seed.locations ?? []) this.addLocation(company, code);
    for (const item of seed.items ?? []) this.addItem(company, item);
    for (const [item, byLocation] of Object.entries(seed.stock ?? {}))
      for (const [location, quantity] of Object.entries(byLocation))
        this.post(company, item, location, quantity, 'Positive Adjmt.', 'OPENING');
    this.companies.push(company);
    return company;
  }

  /** An item of the company; one with the number already there is kept as it is. */
  addItem(company: BcCompany, seed: BcSeedItem): BcItem {
    const existing = company.items.find((i) => i.number === seed.number);
    if (existing !== undefined) return existing;
    const item = this.entity<BcItem>({
      number: seed.number,
      displayName: seed.displayName ?? seed.number,
      baseUnitOfMeasureCode: seed.unit ?? 'PCS',
      unitPrice: 10,
    });
    company.items.push(item);
    return item;
  }

  /** A location of the company; one with the code already there is kept as it is. */
  addLocation(company: BcCompany, code: string): BcLocation {
    const existing = company.locations.find((l) => l.code === code);
    if (existing !== undefined) return existing;
    const location = this.entity<BcLocation>({ code, displayName: code });
    company.locations.push(location);
    return location;
  }

  company(idOrName: string): BcCompany | undefined {
    return this.companies.find((c) => c.id === idOrName || c.name === idOrName);
  }

  addPurchaseOrder(company: BcCompany, seed: BcSeedPurchaseOrder): BcPurchaseOrder {
    const id = randomUUID();
    const number = seed.number ?? String((this.poCounter += 1));
    const lines = seed.lines.map((line, index) => {
      const item = company.items.find((i) => i.number === line.item);
      const location = company.locations.find((l) => l.code === line.location);
      if (item === undefined || location === undefined)
        throw new Error(`seed: unknown item ${line.item} or location ${line.location}`);
      return this.entity<BcPurchaseOrderLine>({
        documentId: id,
        sequence: (index + 1) * 10000,
        itemId: item.id,
        lineObjectNumber: item.number,
        description: item.displayName,
        unitOfMeasureCode: item.baseUnitOfMeasureCode,
        quantity: line.quantity,
        directUnitCost: line.cost ?? 1,
        locationId: location.id,
        expectedReceiptDate: '2026-12-24',
        receivedQuantity: 0,
        receiveQuantity: line.quantity,
        invoiceQuantity: line.quantity,
      });
    });
    const order: BcPurchaseOrder = {
      id,
      version: 1,
      lastModified: this.stamp(),
      number,
      vendorNumber: seed.vendorNumber ?? '10000',
      vendorName: 'Fabrikam, Inc.',
      currencyCode: 'EUR',
      status: seed.status ?? 'Open',
      orderDate: '2026-12-01',
      lines,
    };
    company.purchaseOrders.push(order);
    return order;
  }

  /** On hand of an item at a location: the sum of its ledger entries (Item.Inventory with a Location Filter). */
  onHand(company: BcCompany, itemNumber: string, locationCode: string): number {
    return company.ledger
      .filter((e) => e.itemNumber === itemNumber && e.locationCode === locationCode)
      .reduce((sum, e) => sum + e.quantity, 0);
  }

  post(
    company: BcCompany,
    itemNumber: string,
    locationCode: string,
    quantity: number,
    entryType: BcLedgerEntry['entryType'],
    documentNumber: string,
  ): BcLedgerEntry {
    const entry: BcLedgerEntry = {
      entryNumber: company.ledger.length + 1,
      itemNumber,
      locationCode,
      quantity,
      entryType,
      documentNumber,
      createdAt: this.stamp(),
    };
    company.ledger.push(entry);
    const item = company.items.find((i) => i.number === itemNumber);
    if (item !== undefined) this.touch(item);
    return entry;
  }

  entity<T extends BcVersioned>(fields: Omit<T, 'id' | 'version' | 'lastModified'>): T {
    return { id: randomUUID(), version: 1, lastModified: this.stamp(), ...fields } as T;
  }
}
