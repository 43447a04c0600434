import type { JsonValue } from '@hub/idempotency';

/**
 * An inventory level's compared value: its quantity on hand (a decimal string in the
 * canonical payload); null for anything else. What a receiver holds is compared with it by
 * `sameQuantity`.
 */
export function inventoryQuantityOf(payload: JsonValue): JsonValue {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  return (payload as Readonly<Record<string, JsonValue>>)['quantityOnHand'] ?? null;
}
