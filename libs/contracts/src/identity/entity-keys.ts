/**
 * Entity keys: the Kafka message key of every event about an entity, so all its events
 * land on one partition, in order. Warehouse codes may not contain ':', so
 * `<warehouse>:<sku>` splits unambiguously at its first ':' (SKUs may contain ':').
 */
import { ContractError } from '../errors/contract-error';
import type { EntityType } from './entity-types';

function part(value: string, name: string): string {
  if (value.trim() === '' || value !== value.trim()) {
    throw new ContractError(
      'INVALID_ENTITY_KEY',
      `${name} must be non-empty without surrounding whitespace, got "${value}"`,
    );
  }
  return value;
}

export function inventoryLevelKey(level: {
  readonly warehouse: string;
  readonly sku: string;
}): string {
  const warehouse = part(level.warehouse, 'warehouse');
  if (warehouse.includes(':')) {
    throw new ContractError(
      'INVALID_ENTITY_KEY',
      `warehouse must not contain ':', got "${warehouse}"`,
    );
  }
  return `${warehouse}:${part(level.sku, 'sku')}`;
}

export function purchaseOrderKey(order: { readonly poNumber: string }): string {
  return part(order.poNumber, 'poNumber');
}

/** Goods receipts are keyed by their PO, so a PO's receipts stay in order. */
export function goodsReceiptKey(receipt: { readonly poNumber: string }): string {
  return part(receipt.poNumber, 'poNumber');
}

export interface EntityKeyInputs {
  readonly 'inventory-level': Parameters<typeof inventoryLevelKey>[0];
  readonly 'purchase-order': Parameters<typeof purchaseOrderKey>[0];
  readonly 'goods-receipt': Parameters<typeof goodsReceiptKey>[0];
}

export const entityKeyFunctions: {
  readonly [T in EntityType]: (payload: EntityKeyInputs[T]) => string;
} = {
  'inventory-level': inventoryLevelKey,
  'purchase-order': purchaseOrderKey,
  'goods-receipt': goodsReceiptKey,
};
