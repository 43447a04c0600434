/** The simulated S/4HANA tenant's data: plants, storage locations, stock, documents, orders. */
import { SapODataError } from './sap-odata';

export interface SapSeedPurchaseOrderItem {
  readonly Material: string;
  readonly Plant: string;
  readonly StorageLocation?: string;
  readonly OrderQuantity: number;
  readonly NetPriceAmount: number;
  readonly PurchaseOrderQuantityUnit?: string;
  /** Over-delivery tolerance, percent (OverdelivTolrtdLmtRatioInPct); default 0. */
  readonly OverdelivTolrtdLmtRatioInPct?: number;
}

export interface SapSeedPurchaseOrder {
  readonly PurchaseOrder?: string;
  readonly Supplier: string;
  readonly DocumentCurrency?: string;
  /** 02 active (default), 05 release completed, 08 rejected. */
  readonly PurchasingProcessingStatus?: string;
  readonly items: readonly SapSeedPurchaseOrderItem[];
}

export interface SapSeed {
  readonly plants?: readonly { Plant: string; storageLocations: readonly string[] }[];
  readonly materials?: readonly { Material: string; BaseUnit?: string }[];
  readonly stock?: readonly {
    Material: string;
    Plant: string;
    StorageLocation: string;
    quantity: number;
  }[];
  readonly purchaseOrders?: readonly SapSeedPurchaseOrder[];
}

export interface PoItem {
  readonly PurchaseOrderItem: string;
  Material: string;
  Plant: string;
  StorageLocation: string;
  OrderQuantity: number;
  PurchaseOrderQuantityUnit: string;
  NetPriceAmount: number;
  OverdelivTolrtdLmtRatioInPct: number;
  received: number;
  IsCompletelyDelivered: boolean;
}

export interface PurchaseOrder {
  readonly PurchaseOrder: string;
  Supplier: string;
  DocumentCurrency: string;
  PurchasingProcessingStatus: string;
  PurchasingDocumentDeletionCode: string;
  readonly CreationDate: number;
  LastChangeDateTime: number;
  readonly items: PoItem[];
}

export interface MaterialDocumentItem {
  readonly MaterialDocumentItem: string;
  readonly Material: string;
  readonly Plant: string;
  readonly StorageLocation: string;
  readonly GoodsMovementType: string;
  readonly PurchaseOrder: string;
  readonly PurchaseOrderItem: string;
  readonly GoodsMovementRefDocType: string;
  readonly QuantityInEntryUnit: number;
  readonly EntryUnit: string;
  GoodsMovementIsCancelled: boolean;
  readonly ReversedMaterialDocument: string;
}

export interface MaterialDocument {
  readonly MaterialDocumentYear: string;
  readonly MaterialDocument: string;
  readonly DocumentDate: number;
  readonly PostingDate: number;
  readonly GoodsMovementCode: string;
  readonly ReferenceDocument: string;
  readonly MaterialDocumentHeaderText: string;
  readonly CreationDate: number;
  readonly items: MaterialDocumentItem[];
}

export interface PhysInventoryItem {
  readonly PhysicalInventoryDocumentItem: string;
  readonly Material: string;
  UnitOfEntry: string;
  counted: number;
  PhysicalInventoryItemIsZero: boolean;
  PhysicalInventoryItemIsCounted: boolean;
  PhysInvtryDifferenceIsPosted: boolean;
  book: number;
  materialDocument: { year: string; document: string; item: string } | undefined;
  changedAt: number;
}

export interface PhysInventoryDocument {
  readonly FiscalYear: string;
  readonly PhysicalInventoryDocument: string;
  readonly Plant: string;
  readonly StorageLocation: string;
  readonly PhysInventoryReferenceNumber: string;
  readonly PhysicalInventoryDocumentDesc: string;
  readonly DocumentDate: number;
  readonly PhysInventoryPlannedCountDate: number;
  readonly PhysInvtryDocHasQtySnapshot: boolean;
  changedAt: number;
  readonly items: PhysInventoryItem[];
}

const stockKey = (material: string, plant: string, location: string) =>
  `${material}|${plant}|${location}`;

export class SapStore {
  readonly plants = new Map<string, Set<string>>();
  readonly materials = new Map<string, { Material: string; BaseUnit: string }>();
  readonly stock = new Map<string, number>();
  readonly purchaseOrders = new Map<string, PurchaseOrder>();
  readonly materialDocuments: MaterialDocument[] = [];
  readonly physInventoryDocuments: PhysInventoryDocument[] = [];
  private nextNumbers = { po: 4500000001, matdoc: 4900000001, pidoc: 100000001 };
  private lastStamp = 0;

  constructor(private readonly clock: () => number) {}

  /** Now, strictly increasing, so two changes never share a LastChangeDateTime. */
  now(): number {
    this.lastStamp = Math.max(this.clock(), this.lastStamp + 1);
    return this.lastStamp;
  }

  seed(seed: SapSeed): { purchaseOrders: string[] } {
    for (const plant of seed.plants ?? [])
      this.plants.set(plant.Plant, new Set(plant.storageLocations));
    for (const material of seed.materials ?? [])
      this.materials.set(material.Material, {
        Material: material.Material,
        BaseUnit: material.BaseUnit ?? 'PC',
      });
    for (const s of seed.stock ?? [])
      this.setStock(s.Material, s.Plant, s.StorageLocation, s.quantity);
    const purchaseOrders = (seed.purchaseOrders ?? []).map((po) => this.createPurchaseOrder(po));
    return { purchaseOrders };
  }

  createPurchaseOrder(seed: SapSeedPurchaseOrder): string {
    const number = seed.PurchaseOrder ?? this.nextNumber('po');
    const now = this.now();
    this.purchaseOrders.set(number, {
      PurchaseOrder: number,
      Supplier: seed.Supplier,
      DocumentCurrency: seed.DocumentCurrency ?? 'EUR',
      PurchasingProcessingStatus: seed.PurchasingProcessingStatus ?? '02',
      PurchasingDocumentDeletionCode: '',
      CreationDate: now,
      LastChangeDateTime: now,
      items: seed.items.map((item, index) => {
        this.requireMaterial(item.Material);
        return {
          PurchaseOrderItem: String((index + 1) * 10),
          Material: item.Material,
          Plant: item.Plant,
          StorageLocation: item.StorageLocation ?? '',
          OrderQuantity: item.OrderQuantity,
          PurchaseOrderQuantityUnit: item.PurchaseOrderQuantityUnit ?? 'PC',
          NetPriceAmount: item.NetPriceAmount,
          OverdelivTolrtdLmtRatioInPct: item.OverdelivTolrtdLmtRatioInPct ?? 0,
          received: 0,
          IsCompletelyDelivered: false,
        };
      }),
    });
    return number;
  }

  nextNumber(kind: 'po' | 'matdoc' | 'pidoc'): string {
    const value = this.nextNumbers[kind];
    this.nextNumbers[kind] = value + 1;
    return String(value);
  }

  getStock(material: string, plant: string, location: string): number {
    return this.stock.get(stockKey(material, plant, location)) ?? 0;
  }

  setStock(material: string, plant: string, location: string, quantity: number): void {
    this.stock.set(stockKey(material, plant, location), quantity);
  }

  requireMaterial(material: unknown): string {
    if (typeof material !== 'string' || !this.materials.has(material))
      throw new SapODataError(400, 'M3/305', `Material ${String(material)} does not exist`);
    return material;
  }

  requireStorageLocation(plant: unknown, location: unknown): { plant: string; location: string } {
    if (typeof plant !== 'string' || !this.plants.has(plant))
      throw new SapODataError(400, 'M7/001', `Plant ${String(plant)} does not exist`);
    const locations = this.plants.get(plant);
    if (locations === undefined)
      throw new SapODataError(400, 'M7/001', `Plant ${plant} does not exist`);
    if (typeof location !== 'string' || !locations.has(location))
      throw new SapODataError(
        400,
        'M7/002',
        `Storage location ${plant} ${typeof location === 'string' ? location : ''} does not exist`,
      );
    return { plant, location };
  }
}
