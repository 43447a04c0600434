import type { DataSource, QueryRunner } from 'typeorm';
import { IdempotencyError } from '../idempotency-error';
import type { JsonValue } from '../json-value';
import { assertNonEmpty } from '../validate-request';
import type { CompleteOutcome } from '../write-types';
import { readAppliedVersion, readRecord } from './read-state';
import { integer, text } from './rows';
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

async function leaseNotHeld(
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

/** Runs one statement against the caller's own record; throws when the lease is not held. */
async function updateHeld(
  dataSource: DataSource,
  tables: Tables,
  write: LeasedWrite,
  assignments: string,
  extra: readonly unknown[],
): Promise<void> {
  await withRunner(dataSource, async (runner) => {
    const { affected } = await run(
      runner,
      `UPDATE ${tables.writeRecord} SET ${assignments} WHERE ${heldByCaller}`,
      [write.target, write.correlationId, write.leaseOwner, ...extra],
    );
    if (affected === 0) throw await leaseNotHeld(runner, tables, write);
  });
}

/**
 * Marks the write succeeded and advances the stale-write guard in ONE statement, so in
 * one transaction: both happen or neither. The guard moves forward for equal or newer
 * versions and never back, mirroring isStale().
 */
export async function completeWrite(
  dataSource: DataSource,
  tables: Tables,
  write: LeasedWrite,
  result: JsonValue,
  now: number,
): Promise<CompleteOutcome> {
  return withRunner(dataSource, async (runner) => {
    const { rows } = await run(
      runner,
      `WITH done AS (
         UPDATE ${tables.writeRecord}
            SET "state" = 'succeeded', "result" = $4::jsonb, "lease_owner" = NULL, "lease_expires_at" = NULL,
                "updated_at" = $5::timestamptz
          WHERE ${heldByCaller}
          RETURNING "entity_type", "entity_key", "source_version"
       ), advanced AS (
         INSERT INTO ${tables.appliedVersion} AS g
                ("target", "entity_type", "entity_key", "source_version", "correlation_id", "applied_at")
         SELECT $1::text, "entity_type", "entity_key", "source_version", $2::text, $5::timestamptz FROM done
         ON CONFLICT ("target", "entity_type", "entity_key") DO UPDATE
           SET "source_version" = EXCLUDED."source_version", "correlation_id" = EXCLUDED."correlation_id",
               "applied_at" = EXCLUDED."applied_at"
           WHERE EXCLUDED."source_version" >= g."source_version"
         RETURNING 1
       )
       SELECT "entity_type", "entity_key", "source_version", EXISTS (SELECT 1 FROM advanced) AS "advanced" FROM done`,
      [
        write.target,
        write.correlationId,
        write.leaseOwner,
        jsonParameter(result),
        timestampParameter(now),
      ],
    );
    const row = rows[0];
    if (row === undefined) throw await leaseNotHeld(runner, tables, write);
    const sourceVersion = integer(row, 'source_version');
    if (row.advanced === true) return { guardAdvanced: true, appliedVersion: sourceVersion };
    const entity = {
      target: write.target,
      entityType: text(row, 'entity_type'),
      entityKey: text(row, 'entity_key'),
    };
    const current = await readAppliedVersion(runner, tables, entity);
    return { guardAdvanced: false, appliedVersion: current?.version ?? sourceVersion };
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
  );
}

/** Drops the lease after a transient failure; the record, its steps and attempts stay. */
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
