/** The words a policy is written in: the contracts' own, so the two can never disagree. */
import { entityTypes, systemKinds, type EntityType, type SystemKind } from '@hub/contracts';

export type { EntityType, SystemKind };
export const ENTITY_TYPES = entityTypes;
export const SYSTEM_KINDS = systemKinds;

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
