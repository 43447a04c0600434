/** The words a policy is written in: the contracts' own, so the two can never disagree. */
import {
  canonicalContracts,
  entityTypes,
  systemKinds,
  type EntityType,
  type SystemKind,
} from '@hub/contracts';

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

/**
 * The fields a type may be scoped by: the top-level string fields of its canonical payload,
 * read from the contract, so a scope can only name a field every event of the type carries.
 */
function isStringType(fieldType: unknown): boolean {
  return typeof fieldType === 'string'
    ? fieldType === 'string'
    : typeof fieldType === 'object' &&
        fieldType !== null &&
        'type' in fieldType &&
        fieldType.type === 'string';
}

/** ["null", string]: a value no scope can match when null (the payload is then out of scope). */
function isOptionalString(fieldType: unknown): boolean {
  return (
    Array.isArray(fieldType) &&
    fieldType.length === 2 &&
    fieldType[0] === 'null' &&
    isStringType(fieldType[1])
  );
}

export function scopeFieldsOf(type: EntityType): readonly string[] {
  return canonicalContracts[type].payloadSchema.fields
    .filter(({ type: fieldType }) => isStringType(fieldType) || isOptionalString(fieldType))
    .map(({ name }) => name);
}
