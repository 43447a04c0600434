import type { QueryRunner } from 'typeorm';
import type { BeginState } from '../begin-policy';
import type { AppliedVersion, WriteRecord } from '../write-types';
import { state, text, toAppliedVersion, toRecordClaim, toWriteRecord, type RawRow } from './rows';
import type { BeginInputSql } from './begin-input';
import { run } from './sql';
import type { Tables } from './tables';

/**
 * For each key, the event's write record, its entity's guard row and claim; all keys in one
 * statement (one snapshot), in the order given (`ord`). The keys share one target. Its input
 * is SQL expressions (begin-input.ts): literals, so it can travel in one query with the
 * statements before it, or a prepared statement's parameters.
 */
export function statesStatement(
  tables: Tables,
  input: Pick<BeginInputSql, 'target' | 'correlationIds' | 'entityTypes' | 'entityKeys'>,
): string {
  const t = input.target;
  return `SELECT k.ord, r.*, g."source_version" AS applied_version, g."correlation_id" AS applied_correlation_id,
            g."arrival_order" AS applied_arrival_order, g."applied_at",
            c."correlation_id" AS claim_correlation_id, c."source_version" AS claim_version,
            c."arrival_order" AS claim_arrival_order, c."lease_owner" AS claim_lease_owner,
            c."lease_expires_at" AS claim_lease_expires_at, c."in_doubt_since" AS claim_in_doubt_since
       FROM unnest(${input.correlationIds}, ${input.entityTypes}, ${input.entityKeys}) WITH ORDINALITY AS k(cid, etype, ekey, ord)
       LEFT JOIN ${tables.writeRecord} r ON r."target" = ${t} AND r."correlation_id" = k.cid
       LEFT JOIN ${tables.appliedVersion} g ON g."target" = ${t} AND g."entity_type" = k.etype AND g."entity_key" = k.ekey
       LEFT JOIN ${tables.recordClaim} c ON c."target" = ${t} AND c."entity_type" = k.etype AND c."entity_key" = k.ekey
      ORDER BY k.ord`;
}

/** statesStatement's rows as the begin decision reads them. */
export function toBeginStates(rows: readonly RawRow[]): BeginState[] {
  return rows.map((row) => ({
    record: row.target === null ? null : toWriteRecord(row),
    guard: toAppliedVersion(row),
    claim: toRecordClaim(row),
  }));
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
    `SELECT "source_version" AS applied_version, "correlation_id" AS applied_correlation_id,
            "arrival_order" AS applied_arrival_order, "applied_at"
       FROM ${tables.appliedVersion} WHERE "target" = $1 AND "entity_type" = $2 AND "entity_key" = $3`,
    [key.target, key.entityType, key.entityKey],
  );
  const row = rows[0];
  return row === undefined ? null : toAppliedVersion(row);
}

/** The guard rows of many keys of one target and entity type, in one statement. */
export async function readAppliedVersions(
  runner: QueryRunner,
  tables: Tables,
  key: { target: string; entityType: string; entityKeys: readonly string[] },
): Promise<Map<string, AppliedVersion>> {
  if (key.entityKeys.length === 0) return new Map();
  const { rows } = await run(
    runner,
    `SELECT "entity_key", "source_version" AS applied_version, "correlation_id" AS applied_correlation_id,
            "arrival_order" AS applied_arrival_order, "applied_at"
       FROM ${tables.appliedVersion}
      WHERE "target" = $1 AND "entity_type" = $2 AND "entity_key" = ANY($3::text[])`,
    [key.target, key.entityType, key.entityKeys],
  );
  const applied = new Map<string, AppliedVersion>();
  for (const row of rows) {
    const version = toAppliedVersion(row);
    if (version !== null) applied.set(text(row, 'entity_key'), version);
  }
  return applied;
}

/** The state of many write records of one target, in one statement (absent: never begun, or purged). */
export async function readWriteStates(
  runner: QueryRunner,
  tables: Tables,
  target: string,
  correlationIds: readonly string[],
): Promise<Map<string, WriteRecord['state']>> {
  if (correlationIds.length === 0) return new Map();
  const { rows } = await run(
    runner,
    `SELECT "correlation_id", "state" FROM ${tables.writeRecord}
      WHERE "target" = $1 AND "correlation_id" = ANY($2::text[])`,
    [target, correlationIds],
  );
  return new Map(rows.map((row) => [text(row, 'correlation_id'), state(row)]));
}
