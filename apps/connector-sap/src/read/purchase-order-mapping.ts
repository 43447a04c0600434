/**
 * A_PurchaseOrder with to_PurchaseOrderItem → the canonical purchase order.
 *   status: deletion code L → cancelled; PurchasingProcessingStatus 08 (rejected) → cancelled;
 *   every item IsCompletelyDelivered → closed; 01 (in preparation) / 03 (in release) → draft;
 *   02 (active) / 05 (release completed) → confirmed.
 *   lines: PurchaseOrderItem (10, 20, …) → lineNumber; Material → sku; OrderQuantity;
 *   PurchaseOrderQuantityUnit through the reversed SAP_UOM_MAP; NetPriceAmount → unitPrice.
 * sourceRecordId is the PO number, sourceVersion its LastChangeDateTime.
 */
import type { SourceRecord } from '@hub/connector-runtime';
import type { PurchaseOrder } from '@hub/contracts';
import { PermanentError } from '@hub/resilience';
import { dateOf, decimalText, resultsOf, stringOf, type ODataEntity } from '../client/odata-values';

export const PO_READ_ERROR_CODES = { unmappable: 'SAP_PO_UNMAPPABLE' } as const;

function statusOf(
  order: ODataEntity,
  items: readonly ODataEntity[],
): PurchaseOrder['status'] | undefined {
  const deletion = stringOf(order, 'PurchasingDocumentDeletionCode');
  const processing = stringOf(order, 'PurchasingProcessingStatus');
  if (deletion === 'L' || processing === '08') return 'cancelled';
  if (items.length > 0 && items.every((item) => item.IsCompletelyDelivered === true))
    return 'closed';
  if (processing === '01' || processing === '03') return 'draft';
  if (processing === '02' || processing === '05') return 'confirmed';
  return undefined;
}

export function mapPurchaseOrder(
  order: ODataEntity,
  uomMap: Readonly<Record<string, string>>,
  systemId: string,
): SourceRecord & { entityType: 'purchase-order' } {
  const poNumber = stringOf(order, 'PurchaseOrder');
  const invalid = (detail: string) =>
    new PermanentError(
      PO_READ_ERROR_CODES.unmappable,
      `Purchase order ${poNumber} in SAP ${systemId} cannot be published: ${detail}`,
    );
  const items = resultsOf(order.to_PurchaseOrderItem, `the items of purchase order ${poNumber}`);
  const status = statusOf(order, items);
  if (status === undefined)
    throw invalid(
      `unknown PurchasingProcessingStatus "${stringOf(order, 'PurchasingProcessingStatus')}"`,
    );
  const version = dateOf(order, 'LastChangeDateTime');
  if (version === undefined) throw invalid('it has no LastChangeDateTime');
  const hubUnit = new Map(Object.entries(uomMap).map(([hub, sap]) => [sap, hub]));
  return {
    entityType: 'purchase-order',
    sourceRecordId: poNumber,
    sourceVersion: version,
    payload: {
      poNumber,
      supplierId: stringOf(order, 'Supplier'),
      status,
      currency: stringOf(order, 'DocumentCurrency'),
      company: stringOf(order, 'CompanyCode') === '' ? null : stringOf(order, 'CompanyCode'),
      lines: items
        .filter((item) => stringOf(item, 'Material') !== '')
        .map((item) => {
          const unit = stringOf(item, 'PurchaseOrderQuantityUnit');
          return {
            lineNumber: Number(stringOf(item, 'PurchaseOrderItem')),
            sku: stringOf(item, 'Material'),
            quantityOrdered: decimalText(stringOf(item, 'OrderQuantity')),
            unitOfMeasure: hubUnit.get(unit) ?? unit,
            unitPrice: decimalText(stringOf(item, 'NetPriceAmount')),
            expectedDate: null,
          };
        })
        .sort((a, b) => a.lineNumber - b.lineNumber),
    },
  };
}
