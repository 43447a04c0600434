/** The write side's own refusals: stable codes, messages an operator can act on. */
export const WRITE_ERROR_CODES = {
  unknownWarehouse: 'FO_UNKNOWN_WAREHOUSE',
  unknownPurchaseOrder: 'FO_UNKNOWN_PO',
  purchaseOrderNotConfirmed: 'FO_PO_NOT_CONFIRMED',
  unknownPurchaseOrderLine: 'FO_UNKNOWN_PO_LINE',
  lineItemMismatch: 'FO_LINE_ITEM_MISMATCH',
  emptyReceipt: 'FO_EMPTY_RECEIPT',
} as const;
