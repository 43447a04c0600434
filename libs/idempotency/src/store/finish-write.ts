import type { DataSource, QueryRunner } from 'typeorm';
import { IdempotencyError } from '../idempotency-error';
import type { JsonValue } from '../json-value';
import { assertNonEmpty } from '../validate-request';
import { readRecord } from './read-state';
import { jsonParameter, run, timestampParameter, withRunner } from './sql';
import type { Tables } from './tables';

/** Whose write: the caller must still hold its lease. */
export interface LeasedWrite {
  readonly target: string;
  readonly correlationId: string;
  readonly leaseOwner: string;
}

/**
 * Matches the record only while the caller holds the lease. Expiry is deliberately not
 * checked: a holder finishing after expiry but before anyone took over still tells the
 * truth, and losing a finished write's result would cost a duplicate lookup later.
 */
const heldByCaller = `"target" = $1 AND "correlation_id" = $2 AND "state" = 'in-flight' AND "lease_owner" = $3`;

export async function leaseNotHeld(
  runner: QueryRunner,
  tables: Tables,
  write: LeasedWrite,
): Promise<IdempotencyError> {
  const record = await readRecord(runner, tables, write.target, write.correlationId);
  const found =
    record === null
      ? 'no such write record'
      : record.leaseOwner === null
        ? `it is ${record.state} with no lease`
        : `it is leased by ${record.leaseOwner}`;
  return new IdempotencyError(
    'IDEMPOTENCY_LEASE_NOT_HELD',
    `${write.leaseOwner} does not hold the lease on ${write.target}/${write.correlationId}: ${found}`,
    true,
  );
}

/** What finishing a write does to its record's claim (see beginWrite). */
type ClaimChange = 'keep' | 'drop' | 'in-doubt';

/** The caller's claim on the record of the write `changed` (a CTE returning entity_type, entity_key, semantics). */
function claimOf(changed: string): string {
  return `c."target" = $1 AND c."correlation_id" = $2 AND c."entity_type" = ${changed}."entity_type" AND c."entity_key" = ${changed}."entity_key"`;
}

function claimStatement(tables: Tables, change: ClaimChange, nowParameter: string): string {
  const where = claimOf('changed');
  if (change === 'keep') return '';
  if (change === 'drop')
    return `, unclaimed AS (DELETE FROM ${tables.recordClaim} c USING changed WHERE ${where} RETURNING 1)`;
  // A state write that failed may still have reached the target: its claim stays, unleased, as a doubt.
  return `, doubted AS (
      UPDATE ${tables.recordClaim} c SET "lease_owner" = NULL, "lease_expires_at" = NULL,
             "in_doubt_since" = COALESCE(c."in_doubt_since", ${nowParameter}::timestamptz)
        FROM changed WHERE ${where} AND changed."semantics" = 'state' RETURNING 1
    ), unclaimed AS (
      DELETE FROM ${tables.recordClaim} c USING changed WHERE ${where} AND changed."semantics" <> 'state' RETURNING 1
    )`;
}

/**
 * Runs one statement against the caller's own record, and its record claim in the same
 * statement (so the same transaction); throws when the lease is not held.
 */
async function updateHeld(
  dataSource: DataSource,
  tables: Tables,
  write: LeasedWrite,
  assignments: string,
  extra: readonly unknown[],
  claim: ClaimChange,
  nowParameter = '$4',
): Promise<void> {
  await withRunner(dataSource, async (runner) => {
    const { rows } = await run(
      runner,
      `WITH changed AS (
         UPDATE ${tables.writeRecord} SET ${assignments} WHERE ${heldByCaller}
         RETURNING "entity_type", "entity_key", "semantics"
       )${claimStatement(tables, claim, nowParameter)}
       SELECT 1 FROM changed`,
      [write.target, write.correlationId, write.leaseOwner, ...extra],
    );
    if (rows.length === 0) throw await leaseNotHeld(runner, tables, write);
  });
}

export async function failWrite(
  dataSource: DataSource,
  tables: Tables,
  write: LeasedWrite,
  error: JsonValue,
  now: number,
): Promise<void> {
  await updateHeld(
    dataSource,
    tables,
    write,
    `"state" = 'failed-permanently', "error" = $4::jsonb, "lease_owner" = NULL, "lease_expires_at" = NULL, "updated_at" = $5`,
    [jsonParameter(error), timestampParameter(now)],
    'drop',
  );
}

/**
 * Drops the lease after a transient failure; the record, its steps and attempts stay. A
 * state write's claim stays as a doubt: the target may have applied it, so older writes of
 * the record wait until this one is resolved (see decideBegin).
 */
export async function releaseWrite(
  dataSource: DataSource,
  tables: Tables,
  write: LeasedWrite,
  lastError: JsonValue | undefined,
  now: number,
): Promise<void> {
  await updateHeld(
    dataSource,
    tables,
    write,
    `"lease_owner" = NULL, "lease_expires_at" = NULL, "error" = COALESCE($4::jsonb, "error"), "updated_at" = $5`,
    [lastError === undefined ? null : jsonParameter(lastError), timestampParameter(now)],
    'in-doubt',
    '$5',
  );
}

/** Adds (or replaces) one step's result; the write stays in flight. */
export async function recordWriteStep(
  dataSource: DataSource,
  tables: Tables,
  write: LeasedWrite,
  step: { readonly name: string; readonly result: JsonValue },
  now: number,
): Promise<void> {
  assertNonEmpty('stepName', step.name);
  await updateHeld(
    dataSource,
    tables,
    write,
    `"steps" = "steps" || jsonb_build_object($4::text, $5::jsonb), "updated_at" = $6`,
    [step.name, jsonParameter(step.result), timestampParameter(now)],
    'keep',
  );
}

/**
 * An operator retries a write recorded as failed permanently (after fixing the cause, e.g.
 * creating the missing purchase order): the record becomes unleased in-flight, so the next
 * begin() proceeds. True when such a record existed; succeeded writes are never reopened.
 */
export async function reopenFailedWrite(
  dataSource: DataSource,
  tables: Tables,
  target: string,
  correlationId: string,
  now: number,
): Promise<boolean> {
  assertNonEmpty('target', target);
  assertNonEmpty('correlationId', correlationId);
  return withRunner(dataSource, async (runner) => {
    const { affected } = await run(
      runner,
      `UPDATE ${tables.writeRecord}
          SET "state" = 'in-flight', "lease_owner" = NULL, "lease_expires_at" = NULL, "updated_at" = $3::timestamptz
        WHERE "target" = $1 AND "correlation_id" = $2 AND "state" = 'failed-permanently'`,
      [target, correlationId, timestampParameter(now)],
    );
    return affected > 0;
  });
}
