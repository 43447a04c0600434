/** API_PURCHASEORDER_PROCESS_SRV records (A_PurchaseOrder, A_PurchaseOrderItem) as V2 JSON. */
import { decimalString, odataDate, odataDateTimeOffset, type ODataRecord } from './sap-odata';
import type { PoItem, PurchaseOrder } from './sap-store';

export const PURCHASE_ORDER_SERVICE = 'API_PURCHASEORDER_PROCESS_SRV';

export function purchaseOrderItemRecord(po: PurchaseOrder, item: PoItem): ODataRecord {
  return {
    PurchaseOrder: po.PurchaseOrder,
    PurchaseOrderItem: item.PurchaseOrderItem,
    Material: item.Material,
    Plant: item.Plant,
    StorageLocation: item.StorageLocation,
    OrderQuantity: decimalString(item.OrderQuantity),
    PurchaseOrderQuantityUnit: item.PurchaseOrderQuantityUnit,
    NetPriceAmount: item.NetPriceAmount.toFixed(2),
    DocumentCurrency: po.DocumentCurrency,
    IsCompletelyDelivered: item.IsCompletelyDelivered,
    GoodsReceiptIsExpected: true,
    OverdelivTolrtdLmtRatioInPct: item.OverdelivTolrtdLmtRatioInPct.toFixed(1),
    UnlimitedOverdeliveryIsAllowed: false,
  };
}

export function purchaseOrderRecord(po: PurchaseOrder, expand: boolean): ODataRecord {
  return {
    PurchaseOrder: po.PurchaseOrder,
    CompanyCode: '1010',
    PurchaseOrderType: 'NB',
    PurchasingDocumentDeletionCode: po.PurchasingDocumentDeletionCode,
    PurchasingProcessingStatus: po.PurchasingProcessingStatus,
    CreationDate: odataDate(po.CreationDate - (po.CreationDate % 86_400_000)),
    LastChangeDateTime: odataDateTimeOffset(po.LastChangeDateTime),
    Supplier: po.Supplier,
    PurchasingOrganization: '1010',
    PurchasingGroup: '001',
    PurchaseOrderDate: odataDate(po.CreationDate - (po.CreationDate % 86_400_000)),
    DocumentCurrency: po.DocumentCurrency,
    ...(expand
      ? { to_PurchaseOrderItem: { results: po.items.map((i) => purchaseOrderItemRecord(po, i)) } }
      : {}),
  };
}
