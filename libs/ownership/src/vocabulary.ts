/**
 * The words a policy is written in. Kept here until @hub/contracts exports them; a later
 * change points these at contracts so the two can never disagree.
 */
export const ENTITY_TYPES = ['inventory-level', 'purchase-order', 'goods-receipt'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const SYSTEM_KINDS = [
  'wms',
  'odoo',
  'business-central',
  'sap',
  'dynamics-finance',
  'http',
] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

/** A system's id as the policy declares it (e.g. `wms`, `odoo-eu`); also used in topic names. */
export type SystemId = string;

/** `source`: the system emits the entity; `write`: the hub writes the entity to the system. */
export const DIRECTIONS = ['source', 'write'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export function isEntityType(value: string): value is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}

export function isSystemKind(value: string): value is SystemKind {
  return (SYSTEM_KINDS as readonly string[]).includes(value);
}
