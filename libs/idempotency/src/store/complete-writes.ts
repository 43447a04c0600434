import type { DataSource } from 'typeorm';
import type { Placement, Settled } from '../group-commit';
import type { JsonValue } from '../json-value';
import type { CompleteOutcome } from '../write-types';
import { leaseNotHeld, type LeasedWrite } from './finish-write';
import { readAppliedVersion } from './read-state';
import { integer, text } from './rows';
import { jsonParameter, runPrepared, timestampParameter, withRunner } from './sql';
import { oncePerTables, type Tables } from './tables';

export interface Completion extends LeasedWrite {
  readonly result: JsonValue;
}

/** A complete may join a batch of its target with no other complete of its write. */
export const completePlacement = (completion: Completion): Placement => ({
  group: completion.target,
  slots: [completion.correlationId],
});

/** The complete's text, built once per store: it runs for every write (runPrepared). */
const completeStatement = oncePerTables(
  (tables) =>
    `WITH input AS (
     SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) AS u(cid, owner, result)
   ), done AS (
     UPDATE ${tables.writeRecord} w
        SET "state" = 'succeeded', "result" = input.result::jsonb, "lease_owner" = NULL,
            "lease_expires_at" = NULL, "updated_at" = $5::timestamptz
       FROM input
      WHERE w."target" = $1 AND w."correlation_id" = input.cid AND w."state" = 'in-flight'
        AND w."lease_owner" = input.owner
      RETURNING w."correlation_id", w."entity_type", w."entity_key", w."source_version",
                w."arrival_order", w."semantics"
   ), unclaimed AS (
     DELETE FROM ${tables.recordClaim} c USING done
      WHERE c."target" = $1 AND c."correlation_id" = done."correlation_id"
        AND c."entity_type" = done."entity_type" AND c."entity_key" = done."entity_key"
     RETURNING 1
   ), advanced AS (
     INSERT INTO ${tables.appliedVersion} AS g
            ("target", "entity_type", "entity_key", "source_version", "arrival_order", "correlation_id", "applied_at")
     SELECT DISTINCT ON ("entity_type", "entity_key")
            $1::text, "entity_type", "entity_key", "source_version", "arrival_order", "correlation_id", $5::timestamptz
       FROM done WHERE "semantics" = 'state'
      ORDER BY "entity_type", "entity_key", "source_version" DESC, "arrival_order" DESC
     ON CONFLICT ("target", "entity_type", "entity_key") DO UPDATE
       SET "source_version" = EXCLUDED."source_version", "arrival_order" = EXCLUDED."arrival_order",
           "correlation_id" = EXCLUDED."correlation_id", "applied_at" = EXCLUDED."applied_at"
       WHERE (EXCLUDED."source_version", EXCLUDED."arrival_order") >= (g."source_version", g."arrival_order")
     RETURNING g."correlation_id"
   )
   SELECT "correlation_id", "entity_type", "entity_key", "source_version", "semantics",
          "correlation_id" IN (SELECT "correlation_id" FROM advanced) AS "advanced" FROM done`,
);

/**
 * Marks the writes succeeded, advances the stale-write guard of each state write and frees
 * each record's claim in ONE statement, so in one transaction: all happen or none. The guard
 * moves forward for equal or newer (version, arrival order) and never back, mirroring
 * isStale(); of two writes of one entity in the batch, the newer sets it. Every write gets
 * its own outcome, or IDEMPOTENCY_LEASE_NOT_HELD when its caller no longer holds the lease.
 */
export async function completeWrites(
  dataSource: DataSource,
  tables: Tables,
  completions: readonly Completion[],
  now: number,
): Promise<Settled<CompleteOutcome>[]> {
  const target = completions[0]?.target;
  if (target === undefined) return [];
  if (completions.some((completion) => completion.target !== target))
    throw new Error('completes batched together need one target');
  return withRunner(dataSource, async (runner) => {
    const { rows } = await runPrepared(runner, completeStatement(tables), [
      target,
      completions.map((completion) => completion.correlationId),
      completions.map((completion) => completion.leaseOwner),
      completions.map((completion) => jsonParameter(completion.result)),
      timestampParameter(now),
    ]);
    const byId = new Map(rows.map((row) => [text(row, 'correlation_id'), row]));
    const settled: Settled<CompleteOutcome>[] = [];
    for (const completion of completions) {
      const row = byId.get(completion.correlationId);
      if (row === undefined) {
        settled.push({ ok: false, error: await leaseNotHeld(runner, tables, completion) });
        continue;
      }
      const sourceVersion = integer(row, 'source_version');
      // Additive facts have no guard: nothing newer can have overtaken them.
      if (row.advanced === true || row.semantics !== 'state') {
        settled.push({ ok: true, answer: { guardAdvanced: true, appliedVersion: sourceVersion } });
        continue;
      }
      const current = await readAppliedVersion(runner, tables, {
        target,
        entityType: text(row, 'entity_type'),
        entityKey: text(row, 'entity_key'),
      });
      settled.push({
        ok: true,
        answer: { guardAdvanced: false, appliedVersion: current?.version ?? sourceVersion },
      });
    }
    return settled;
  });
}
