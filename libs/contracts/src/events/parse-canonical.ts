/**
 * Edge validation of canonical payloads: the JSON form as a WMS webhook sends it
 * (parseCanonical), or an Avro-form payload a connector built from ERP data
 * (canonicalizePayload). Both report every problem with its path and return the canonical
 * spelling, so equal payloads digest alike wherever they were built.
 */
import type { EntityType } from '../identity/entity-types';
import type { ParseResult } from '../json-form/field-error';
import { canonicalize } from '../json-form/canonicalize';
import { readJsonForm } from '../json-form/from-json-form';
import {
  canonicalContract,
  canonicalContracts,
  type CanonicalPayload,
} from './canonical-contracts';

function withSemanticChecks<T extends EntityType>(
  entityType: T,
  parsed: ParseResult<unknown>,
): ParseResult<CanonicalPayload<T>> {
  if (!parsed.ok) return parsed;
  // The schema walk passed: the value has the payload type of this entity type.
  const contract = canonicalContract(entityType);
  const payload = parsed.value as CanonicalPayload<T>;
  // Checked as sent, so error paths point at the lines the sender wrote.
  const errors = contract.semanticChecks(payload);
  return errors.length === 0
    ? { ok: true, value: contract.canonicalOrder(payload) }
    : { ok: false, errors };
}

/**
 * Payloads parseCanonical returned, with their entity type. They are canonical and frozen,
 * so createEvent can take them as they are instead of checking them a second time (the
 * ingress parses every webhook payload and then builds its event from it).
 */
const canonicalPayloads = new WeakMap<object, EntityType>();

/**
 * Freezes records and arrays all the way down and returns true; if the value holds bytes
 * (which cannot be frozen), freezes nothing and returns false, so a payload is either wholly
 * frozen and marked or left as it was.
 */
export function deepFreeze(value: unknown): boolean {
  const records: object[] = [];
  if (!collectRecords(value, records)) return false;
  for (const record of records) Object.freeze(record);
  return true;
}

function collectRecords(value: unknown, records: object[]): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (ArrayBuffer.isView(value)) return false;
  for (const item of Object.values(value)) if (!collectRecords(item, records)) return false;
  records.push(value);
  return true;
}

/** True when `payload` is a payload parseCanonical returned for this entity type. */
export function isCanonicalPayload(entityType: EntityType, payload: unknown): boolean {
  return (
    typeof payload === 'object' && payload !== null && canonicalPayloads.get(payload) === entityType
  );
}

export function parseCanonical<T extends EntityType>(
  entityType: T,
  json: unknown,
): ParseResult<CanonicalPayload<T>> {
  const parsed = withSemanticChecks(
    entityType,
    readJsonForm(canonicalContracts[entityType].payloadSchema, json),
  );
  if (parsed.ok && deepFreeze(parsed.value)) canonicalPayloads.set(parsed.value, entityType);
  return parsed;
}

export function canonicalizePayload<T extends EntityType>(
  entityType: T,
  payload: unknown,
): ParseResult<CanonicalPayload<T>> {
  return withSemanticChecks(
    entityType,
    canonicalize(canonicalContracts[entityType].payloadSchema, payload),
  );
}
