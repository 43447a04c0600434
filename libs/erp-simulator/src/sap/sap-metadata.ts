/** `$metadata` (EDMX, OData V2) for the entity sets and function imports the simulator serves. */

interface EntityTypeSpec {
  readonly set: string;
  readonly keys: readonly string[];
  /** name → Edm type (without `Edm.`); `*` suffix marks sap:filterable="true". */
  readonly properties: Readonly<Record<string, string>>;
  readonly navigation?: Readonly<Record<string, string>>;
}

interface FunctionImportSpec {
  readonly name: string;
  readonly returns: string;
  readonly parameters: Readonly<Record<string, string>>;
}

interface ServiceSpec {
  readonly types: readonly EntityTypeSpec[];
  readonly functions?: readonly FunctionImportSpec[];
}

const s = 'String';
const SERVICES: Readonly<Record<string, ServiceSpec>> = {
  API_MATERIAL_STOCK_SRV: {
    types: [
      {
        set: 'A_MatlStkInAcctMod',
        keys: [
          'Material',
          'Plant',
          'StorageLocation',
          'Batch',
          'Supplier',
          'Customer',
          'WBSElementInternalID',
          'SDDocument',
          'SDDocumentItem',
          'InventorySpecialStockType',
          'InventoryStockType',
        ],
        properties: {
          Material: s,
          Plant: s,
          StorageLocation: s,
          Batch: s,
          Supplier: s,
          Customer: s,
          WBSElementInternalID: s,
          SDDocument: s,
          SDDocumentItem: s,
          InventorySpecialStockType: s,
          InventoryStockType: s,
          MaterialBaseUnit: s,
          MatlWrhsStkQtyInMatlBaseUnit: 'Decimal',
        },
      },
    ],
  },
  API_PHYSICAL_INVENTORY_DOC_SRV: {
    types: [
      {
        set: 'A_PhysInventoryDocHeader',
        keys: ['FiscalYear', 'PhysicalInventoryDocument'],
        properties: {
          FiscalYear: s,
          PhysicalInventoryDocument: s,
          Plant: s,
          StorageLocation: s,
          InventorySpecialStockType: s,
          DocumentDate: 'DateTime',
          PhysInventoryPlannedCountDate: 'DateTime',
          PhysInvtryDocHasQtySnapshot: 'Boolean',
          PhysInventoryReferenceNumber: s,
          PhysicalInventoryDocumentDesc: s,
          LastChangeDateTime: 'DateTimeOffset',
        },
        navigation: { to_PhysicalInventoryDocumentItem: 'A_PhysInventoryDocItem' },
      },
      {
        set: 'A_PhysInventoryDocItem',
        keys: ['FiscalYear', 'PhysicalInventoryDocument', 'PhysicalInventoryDocumentItem'],
        properties: {
          FiscalYear: s,
          PhysicalInventoryDocument: s,
          PhysicalInventoryDocumentItem: s,
          Plant: s,
          StorageLocation: s,
          Material: s,
          Batch: s,
          UnitOfEntry: s,
          QuantityInUnitOfEntry: 'Decimal',
          PhysicalInventoryItemIsZero: 'Boolean',
          PhysicalInventoryItemIsCounted: 'Boolean',
          PhysInvtryDifferenceIsPosted: 'Boolean',
          BookQtyBfrCountInMatlBaseUnit: 'Decimal',
          MaterialDocument: s,
          MaterialDocumentYear: s,
          MaterialDocumentItem: s,
          PhysInventoryReferenceNumber: s,
          LastChangeDateTime: 'DateTimeOffset',
        },
      },
    ],
    functions: [
      {
        name: 'PostDifferences',
        returns: 'A_PhysInventoryDocHeader',
        parameters: {
          FiscalYear: s,
          PhysicalInventoryDocument: s,
          PostingDate: 'DateTime',
          PostingThresholdValue: 'Decimal',
        },
      },
    ],
  },
  API_MATERIAL_DOCUMENT_SRV: {
    types: [
      {
        set: 'A_MaterialDocumentHeader',
        keys: ['MaterialDocumentYear', 'MaterialDocument'],
        properties: {
          MaterialDocumentYear: s,
          MaterialDocument: s,
          InventoryTransactionType: s,
          DocumentDate: 'DateTime',
          PostingDate: 'DateTime',
          CreationDate: 'DateTime',
          GoodsMovementCode: s,
          ReferenceDocument: s,
          MaterialDocumentHeaderText: s,
        },
        navigation: { to_MaterialDocumentItem: 'A_MaterialDocumentItem' },
      },
      {
        set: 'A_MaterialDocumentItem',
        keys: ['MaterialDocumentYear', 'MaterialDocument', 'MaterialDocumentItem'],
        properties: {
          MaterialDocumentYear: s,
          MaterialDocument: s,
          MaterialDocumentItem: s,
          Material: s,
          Plant: s,
          StorageLocation: s,
          Batch: s,
          GoodsMovementType: s,
          InventoryStockType: s,
          PurchaseOrder: s,
          PurchaseOrderItem: s,
          GoodsMovementRefDocType: s,
          QuantityInEntryUnit: 'Decimal',
          EntryUnit: s,
          GoodsMovementIsCancelled: 'Boolean',
          ReversedMaterialDocument: s,
          MaterialDocumentItemText: s,
        },
      },
    ],
    functions: [
      {
        name: 'Cancel',
        returns: 'A_MaterialDocumentHeader',
        parameters: { MaterialDocumentYear: s, MaterialDocument: s, PostingDate: 'DateTime' },
      },
    ],
  },
  API_PURCHASEORDER_PROCESS_SRV: {
    types: [
      {
        set: 'A_PurchaseOrder',
        keys: ['PurchaseOrder'],
        properties: {
          PurchaseOrder: s,
          CompanyCode: s,
          PurchaseOrderType: s,
          PurchasingDocumentDeletionCode: s,
          PurchasingProcessingStatus: s,
          CreationDate: 'DateTime',
          LastChangeDateTime: 'DateTimeOffset',
          Supplier: s,
          PurchasingOrganization: s,
          PurchasingGroup: s,
          PurchaseOrderDate: 'DateTime',
          DocumentCurrency: s,
        },
        navigation: { to_PurchaseOrderItem: 'A_PurchaseOrderItem' },
      },
      {
        set: 'A_PurchaseOrderItem',
        keys: ['PurchaseOrder', 'PurchaseOrderItem'],
        properties: {
          PurchaseOrder: s,
          PurchaseOrderItem: s,
          Material: s,
          Plant: s,
          StorageLocation: s,
          OrderQuantity: 'Decimal',
          PurchaseOrderQuantityUnit: s,
          NetPriceAmount: 'Decimal',
          DocumentCurrency: s,
          IsCompletelyDelivered: 'Boolean',
          GoodsReceiptIsExpected: 'Boolean',
          OverdelivTolrtdLmtRatioInPct: 'Decimal',
          UnlimitedOverdeliveryIsAllowed: 'Boolean',
        },
      },
    ],
  },
};

export const SAP_SERVICES = Object.keys(SERVICES);

export function entitySetsOf(service: string): readonly EntityTypeSpec[] {
  return SERVICES[service]?.types ?? [];
}

export function functionImportsOf(service: string): readonly string[] {
  return (SERVICES[service]?.functions ?? []).map((f) => f.name);
}

export function metadataXml(service: string): string | undefined {
  const spec = SERVICES[service];
  if (spec === undefined) return undefined;
  const types = spec.types.map((t) => {
    const keys = t.keys.map((k) => `<PropertyRef Name="${k}"/>`).join('');
    const props = Object.entries(t.properties)
      .map(
        ([name, type]) =>
          `<Property Name="${name}" Type="Edm.${type}"${t.keys.includes(name) ? ' Nullable="false"' : ''} sap:filterable="true"/>`,
      )
      .join('');
    const navs = Object.entries(t.navigation ?? {})
      .map(
        ([name, target]) =>
          `<NavigationProperty Name="${name}" Relationship="${service}.assoc_${name}" FromRole="FromRole_${name}" ToRole="ToRole_${target}"/>`,
      )
      .join('');
    return `<EntityType Name="${t.set}Type" sap:content-version="1"><Key>${keys}</Key>${props}${navs}</EntityType>`;
  });
  const sets = spec.types.map(
    (t) => `<EntitySet Name="${t.set}" EntityType="${service}.${t.set}Type"/>`,
  );
  const functions = (spec.functions ?? []).map(
    (f) =>
      `<FunctionImport Name="${f.name}" ReturnType="${service}.${f.returns}Type" EntitySet="${f.returns}" m:HttpMethod="POST">${Object.entries(
        f.parameters,
      )
        .map(([name, type]) => `<Parameter Name="${name}" Type="Edm.${type}" Mode="In"/>`)
        .join('')}</FunctionImport>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" xmlns:sap="http://www.sap.com/Protocols/SAPData"><edmx:DataServices m:DataServiceVersion="2.0"><Schema Namespace="${service}" xml:lang="en" sap:schema-version="1" xmlns="http://schemas.microsoft.com/ado/2008/09/edm">${types.join('')}<EntityContainer Name="${service}_Entities" m:IsDefaultEntityContainer="true">${sets.join('')}${functions.join('')}</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>`;
}
