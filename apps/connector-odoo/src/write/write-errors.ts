/** The write side's own refusals: stable codes, messages an operator can act on. */
import { PermanentError, TransientError } from '@hub/resilience';

export const WRITE_ERROR_CODES = {
  unknownProduct: 'ODOO_UNKNOWN_PRODUCT',
  ambiguousProduct: 'ODOO_AMBIGUOUS_PRODUCT',
  unknownWarehouse: 'ODOO_UNKNOWN_WAREHOUSE',
  unknownPurchaseOrder: 'ODOO_UNKNOWN_PO',
  purchaseOrderNotConfirmed: 'ODOO_PO_NOT_CONFIRMED',
  noOpenReceipt: 'ODOO_NO_OPEN_RECEIPT',
  overReceipt: 'ODOO_OVER_RECEIPT',
  emptyReceipt: 'ODOO_EMPTY_RECEIPT',
  inventoryConflict: 'ODOO_INVENTORY_CONFLICT',
  unexpectedWizard: 'ODOO_UNEXPECTED_WIZARD',
} as const;

export function permanent(code: string, message: string): PermanentError {
  return new PermanentError(code, message);
}

export function transient(code: string, message: string): TransientError {
  return new TransientError(code, message);
}

/** `button_validate`/`action_apply_inventory` may answer a window action instead of doing the work (pitfall 4). */
export function wizardModel(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return undefined;
  const action = result as Readonly<Record<string, unknown>>;
  if (action.type !== 'ir.actions.act_window') return undefined;
  return typeof action.res_model === 'string' ? action.res_model : 'an unnamed wizard';
}
