/** The entity types the hub moves. Each has one canonical topic and one owner (see @hub/ownership). */
export const entityTypes = ['inventory-level', 'purchase-order', 'goods-receipt'] as const;
export type EntityType = (typeof entityTypes)[number];

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === 'string' && (entityTypes as readonly string[]).includes(value);
}
