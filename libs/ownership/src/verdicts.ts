/**
 * What the enforcement points are told: allowed, or a refusal with its code from the one
 * catalog (OWNERSHIP_ERROR_CODES), a message for logs and dead letters, and the owner(s)
 * a change request would go to. The policy computes them; callers only act on them.
 */
import { OWNERSHIP_ERROR_CODES } from './errors';
import type { EntityType, SystemId } from './vocabulary';

/** An event as far as ownership cares: its type, its payload (for the scope) and who sent it. */
export interface OwnershipSubject {
  readonly entityType: EntityType;
  readonly payload: unknown;
}

export interface WriteSubject extends OwnershipSubject {
  readonly sourceSystem: string;
}

export type OwnershipRefusalCode =
  | typeof OWNERSHIP_ERROR_CODES.reverseDirectionWrite
  | typeof OWNERSHIP_ERROR_CODES.notAReceiver
  | typeof OWNERSHIP_ERROR_CODES.sourceNotOwner
  | typeof OWNERSHIP_ERROR_CODES.outOfScope
  | typeof OWNERSHIP_ERROR_CODES.otherScope
  | typeof OWNERSHIP_ERROR_CODES.unknownSystem;

export interface OwnershipAllowed {
  readonly allowed: true;
  /** The owner of the event's scope (of the type, for a notification the system owns). */
  readonly owner: SystemId;
  readonly scope: ScopeValue;
}

export interface OwnershipRefusal {
  readonly allowed: false;
  readonly code: OwnershipRefusalCode;
  readonly message: string;
  /** The system that was judged (sender, or write target). */
  readonly system: string;
  readonly entityType: EntityType;
  readonly scope: ScopeValue;
  /** Who owns the event's scope: one system, several for a notification of a type owned per scope, none when out of scope. */
  readonly owners: readonly SystemId[];
}

export type OwnershipVerdict = OwnershipAllowed | OwnershipRefusal;

/** Which scope an event fell in: the field and its value, or none for an unscoped type. */
export type ScopeValue = { readonly field: string; readonly value: string | undefined } | undefined;

export function describeScope(scope: ScopeValue): string {
  if (scope === undefined) return '';
  return scope.value === undefined ? ` (no ${scope.field})` : ` (${scope.field} ${scope.value})`;
}
