/**
 * A canonical event of any entity type, and its payload in JSON form: what a webhook body,
 * a change request's proposal and an owner's state show. The switch pairs each payload with
 * its own schema, so no caller needs to cast a payload to an unrelated schema's type.
 */
import type { EntityType } from '../identity/entity-types';
import { toJsonForm, type JsonValue } from '../json-form/to-json-form';
import { canonicalContracts, type CanonicalEvent } from './canonical-contracts';

export type AnyCanonicalEvent = { [T in EntityType]: CanonicalEvent<T> }[EntityType];

export function payloadJsonForm(event: AnyCanonicalEvent): JsonValue {
  switch (event.entityType) {
    case 'purchase-order':
      return toJsonForm(canonicalContracts['purchase-order'].payloadSchema, event.payload);
    case 'inventory-level':
      return toJsonForm(canonicalContracts['inventory-level'].payloadSchema, event.payload);
    case 'goods-receipt':
      return toJsonForm(canonicalContracts['goods-receipt'].payloadSchema, event.payload);
  }
}
