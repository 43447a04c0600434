import { IdempotencyError } from '../idempotency-error';
import type { JsonValue } from '../json-value';
import type {
  AppliedVersion,
  CompletedSteps,
  RecordClaim,
  WriteRecord,
  WriteState,
} from '../write-types';

/** A row as node-postgres hands it over: text, int8 as string, int4 as number, jsonb parsed, timestamptz as Date. */
export type RawRow = Readonly<Record<string, unknown>>;

function unexpected(column: string, value: unknown): IdempotencyError {
  return new IdempotencyError(
    'IDEMPOTENCY_UNEXPECTED_ROW',
    `column ${column} holds ${String(value)}`,
    false,
  );
}

export function text(row: RawRow, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw unexpected(column, value);
  return value;
}

export function nullableText(row: RawRow, column: string): string | null {
  return row[column] === null ? null : text(row, column);
}

/** int4 arrives as a number, int8 as a decimal string. */
export function integer(row: RawRow, column: string): number {
  const value = row[column];
  const parsed = typeof value === 'string' ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed)) throw unexpected(column, value);
  return parsed;
}

export function epochMs(row: RawRow, column: string): number {
  const value = row[column];
  if (!(value instanceof Date)) throw unexpected(column, value);
  return value.getTime();
}

export function nullableEpochMs(row: RawRow, column: string): number | null {
  return row[column] === null ? null : epochMs(row, column);
}

/** jsonb is parsed by the driver; what Postgres stored as JSON is JSON. */
export function json(row: RawRow, column: string): JsonValue {
  const value = row[column];
  if (value === undefined) throw unexpected(column, value);
  return value as JsonValue;
}

export function steps(row: RawRow): CompletedSteps {
  const value = json(row, 'steps');
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw unexpected('steps', value);
  return value as CompletedSteps;
}

const states: readonly WriteState[] = ['in-flight', 'succeeded', 'failed-permanently'];

export function state(row: RawRow): WriteState {
  const value = text(row, 'state');
  const known = states.find((candidate) => candidate === value);
  if (known === undefined) throw unexpected('state', value);
  return known;
}

export function toWriteRecord(row: RawRow): WriteRecord {
  return {
    target: text(row, 'target'),
    correlationId: text(row, 'correlation_id'),
    entityType: text(row, 'entity_type'),
    entityKey: text(row, 'entity_key'),
    sourceVersion: integer(row, 'source_version'),
    state: state(row),
    leaseOwner: nullableText(row, 'lease_owner'),
    leaseExpiresAt: nullableEpochMs(row, 'lease_expires_at'),
    attempts: integer(row, 'attempts'),
    steps: steps(row),
    result: json(row, 'result'),
    error: json(row, 'error'),
    createdAt: epochMs(row, 'created_at'),
    updatedAt: epochMs(row, 'updated_at'),
  };
}

/** Reads the guard columns, aliased `applied_*` so they can share a row with a write record. */
export function toAppliedVersion(row: RawRow): AppliedVersion | null {
  if (row.applied_version === null) return null;
  return {
    version: integer(row, 'applied_version'),
    arrivalOrder: integer(row, 'applied_arrival_order'),
    correlationId: text(row, 'applied_correlation_id'),
    appliedAt: epochMs(row, 'applied_at'),
  };
}

/** Reads the claim columns, aliased `claim_*` so they can share a row with a write record. */
export function toRecordClaim(row: RawRow): RecordClaim | null {
  if (row.claim_correlation_id === null || row.claim_correlation_id === undefined) return null;
  return {
    correlationId: text(row, 'claim_correlation_id'),
    version: integer(row, 'claim_version'),
    arrivalOrder: integer(row, 'claim_arrival_order'),
    leaseOwner: nullableText(row, 'claim_lease_owner'),
    leaseExpiresAt: nullableEpochMs(row, 'claim_lease_expires_at'),
    inDoubtSince: nullableEpochMs(row, 'claim_in_doubt_since'),
  };
}
