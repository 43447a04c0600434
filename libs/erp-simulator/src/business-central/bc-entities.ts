/** The JSON shapes of the API v2.0 pages and of the hub extension's pages, each with its `@odata.etag`. */
import { etagOf, isoOf } from './bc-odata';
import type {
  BcCompany,
  BcHubInventoryWrite,
  BcItem,
  BcLocation,
  BcPurchaseOrder,
  BcPurchaseOrderLine,
  BcReceipt,
  BcReceiptLine,
} from './bc-store';

type Row = Record<string, unknown>;

export function companyRow(company: BcCompany): Row {
  return {
    id: company.id,
    systemVersion: '27.0.38460.0',
    timestamp: 1000,
    name: company.name,
    displayName: company.name,
    businessProfileId: '',
    systemCreatedAt: '2026-01-01T00:00:00Z',
    systemCreatedBy: '00000000-0000-0000-0000-000000000001',
    systemModifiedAt: '2026-01-01T00:00:00Z',
    systemModifiedBy: '00000000-0000-0000-0000-000000000001',
  };
}

export function itemRow(item: BcItem, inventory: number): Row {
  return {
    '@odata.etag': etagOf(item.id, item.version),
    id: item.id,
    number: item.number,
    displayName: item.displayName,
    displayName2: '',
    type: 'Inventory',
    itemCategoryId: '00000000-0000-0000-0000-000000000000',
    itemCategoryCode: '',
    blocked: false,
    gtin: '',
    inventory,
    unitPrice: item.unitPrice,
    priceIncludesTax: false,
    unitCost: 0,
    taxGroupId: '00000000-0000-0000-0000-000000000000',
    taxGroupCode: '',
    baseUnitOfMeasureId: '00000000-0000-0000-0000-000000000000',
    baseUnitOfMeasureCode: item.baseUnitOfMeasureCode,
    generalProductPostingGroupId: '00000000-0000-0000-0000-000000000000',
    generalProductPostingGroupCode: 'RETAIL',
    inventoryPostingGroupId: '00000000-0000-0000-0000-000000000000',
    inventoryPostingGroupCode: 'RESALE',
    lastModifiedDateTime: isoOf(item.lastModified),
  };
}

export function locationRow(location: BcLocation): Row {
  return {
    '@odata.etag': etagOf(location.id, location.version),
    id: location.id,
    code: location.code,
    displayName: location.displayName,
    contact: '',
    addressLine1: '',
    addressLine2: '',
    city: '',
    state: '',
    country: '',
    postalCode: '',
    phoneNumber: '',
    email: '',
    website: '',
    lastModifiedDateTime: isoOf(location.lastModified),
  };
}

export function purchaseOrderLineRow(line: BcPurchaseOrderLine): Row {
  return {
    '@odata.etag': etagOf(line.id, line.version),
    id: line.id,
    documentId: line.documentId,
    sequence: line.sequence,
    itemId: line.itemId,
    accountId: '00000000-0000-0000-0000-000000000000',
    lineType: 'Item',
    lineObjectNumber: line.lineObjectNumber,
    description: line.description,
    description2: '',
    unitOfMeasureId: '00000000-0000-0000-0000-000000000000',
    unitOfMeasureCode: line.unitOfMeasureCode,
    quantity: line.quantity,
    directUnitCost: line.directUnitCost,
    discountAmount: 0,
    discountPercent: 0,
    discountAppliedBeforeTax: false,
    amountExcludingTax: line.quantity * line.directUnitCost,
    taxCode: '',
    taxPercent: 0,
    totalTaxAmount: 0,
    amountIncludingTax: line.quantity * line.directUnitCost,
    invoiceDiscountAllocation: 0,
    netAmount: line.quantity * line.directUnitCost,
    netTaxAmount: 0,
    netAmountIncludingTax: line.quantity * line.directUnitCost,
    expectedReceiptDate: line.expectedReceiptDate,
    receivedQuantity: line.receivedQuantity,
    invoicedQuantity: 0,
    invoiceQuantity: line.invoiceQuantity,
    receiveQuantity: line.receiveQuantity,
    itemVariantId: '00000000-0000-0000-0000-000000000000',
    locationId: line.locationId,
  };
}

export function purchaseOrderRow(order: BcPurchaseOrder, expandLines: boolean): Row {
  const total = order.lines.reduce((sum, l) => sum + l.quantity * l.directUnitCost, 0);
  return {
    '@odata.etag': etagOf(order.id, order.version),
    id: order.id,
    number: order.number,
    orderDate: order.orderDate,
    postingDate: order.orderDate,
    vendorId: '00000000-0000-0000-0000-000000010000',
    vendorNumber: order.vendorNumber,
    vendorName: order.vendorName,
    payToName: order.vendorName,
    payToVendorId: '00000000-0000-0000-0000-000000010000',
    payToVendorNumber: order.vendorNumber,
    shipToName: '',
    shipToContact: '',
    currencyId: '00000000-0000-0000-0000-000000000000',
    currencyCode: order.currencyCode,
    pricesIncludeTax: false,
    paymentTermsId: '00000000-0000-0000-0000-000000000000',
    shipmentMethodId: '00000000-0000-0000-0000-000000000000',
    purchaser: '',
    requestedReceiptDate: '0001-01-01',
    discountAmount: 0,
    discountAppliedBeforeTax: false,
    totalAmountExcludingTax: total,
    totalTaxAmount: 0,
    totalAmountIncludingTax: total,
    fullyReceived: order.lines.every((l) => l.receivedQuantity >= l.quantity),
    status: order.status,
    lastModifiedDateTime: isoOf(order.lastModified),
    ...(expandLines ? { purchaseOrderLines: order.lines.map(purchaseOrderLineRow) } : {}),
  };
}

export function receiptLineRow(line: BcReceiptLine): Row {
  return {
    '@odata.etag': etagOf(line.id, 1),
    id: line.id,
    documentId: line.documentId,
    sequence: line.sequence,
    lineType: 'Item',
    lineObjectNumber: line.lineObjectNumber,
    description: line.lineObjectNumber,
    unitOfMeasureCode: 'PCS',
    unitCost: 0,
    quantity: line.quantity,
    discountPercent: 0,
    taxPercent: 0,
    expectedReceiptDate: '2026-12-24',
    itemId: line.itemId,
    locationId: line.locationId,
  };
}

export function receiptRow(receipt: BcReceipt, expandLines: boolean): Row {
  return {
    '@odata.etag': etagOf(receipt.id, receipt.version),
    id: receipt.id,
    number: receipt.number,
    invoiceDate: receipt.postingDate,
    postingDate: receipt.postingDate,
    dueDate: receipt.postingDate,
    vendorNumber: receipt.vendorNumber,
    vendorName: 'Fabrikam, Inc.',
    currencyCode: 'EUR',
    orderNumber: receipt.orderNumber,
    lastModifiedDateTime: isoOf(receipt.lastModified),
    ...(expandLines ? { purchaseReceiptLines: receipt.lines.map(receiptLineRow) } : {}),
  };
}

/** The extension's `hubInventoryWrites` page (table "Hub Inventory Write"). */
export function inventoryWriteRow(write: BcHubInventoryWrite): Row {
  return {
    '@odata.etag': etagOf(write.id, write.version),
    id: write.id,
    hubReference: write.hubReference,
    itemNumber: write.itemNumber,
    locationCode: write.locationCode,
    quantity: write.quantity,
    adjustment: write.adjustment,
    sourceVersion: write.sourceVersion,
    lastModifiedDateTime: isoOf(write.lastModified),
  };
}
