import type { QueryRunner } from 'typeorm';
import type { AppliedVersion, WriteRecord } from '../write-types';
import { toAppliedVersion, toWriteRecord } from './rows';
import { run } from './sql';
import type { Tables } from './tables';

export interface StoredState {
  readonly record: WriteRecord | null;
  readonly guard: AppliedVersion | null;
}

/** The write record of one event and the guard row of its entity, in one round trip. */
export async function readState(
  runner: QueryRunner,
  tables: Tables,
  key: { target: string; correlationId: string; entityType: string; entityKey: string },
): Promise<StoredState> {
  const { rows } = await run(
    runner,
    `SELECT r.*, g."source_version" AS applied_version, g."correlation_id" AS applied_correlation_id, g."applied_at"
       FROM (SELECT 1) AS one
       LEFT JOIN ${tables.writeRecord} r ON r."target" = $1 AND r."correlation_id" = $2
       LEFT JOIN ${tables.appliedVersion} g ON g."target" = $1 AND g."entity_type" = $3 AND g."entity_key" = $4`,
    [key.target, key.correlationId, key.entityType, key.entityKey],
  );
  const row = rows[0];
  if (row === undefined) return { record: null, guard: null };
  return { record: row.target === null ? null : toWriteRecord(row), guard: toAppliedVersion(row) };
}

export async function readRecord(
  runner: QueryRunner,
  tables: Tables,
  target: string,
  correlationId: string,
): Promise<WriteRecord | null> {
  const { rows } = await run(
    runner,
    `SELECT * FROM ${tables.writeRecord} WHERE "target" = $1 AND "correlation_id" = $2`,
    [target, correlationId],
  );
  const row = rows[0];
  return row === undefined ? null : toWriteRecord(row);
}

export async function readAppliedVersion(
  runner: QueryRunner,
  tables: Tables,
  key: { target: string; entityType: string; entityKey: string },
): Promise<AppliedVersion | null> {
  const { rows } = await run(
    runner,
    `SELECT "source_version" AS applied_version, "correlation_id" AS applied_correlation_id, "applied_at"
       FROM ${tables.appliedVersion} WHERE "target" = $1 AND "entity_type" = $2 AND "entity_key" = $3`,
    [key.target, key.entityType, key.entityKey],
  );
  const row = rows[0];
  return row === undefined ? null : toAppliedVersion(row);
}
