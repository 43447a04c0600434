import type { DataSource, QueryRunner } from 'typeorm';
import { decideBegin } from '../begin-policy';
import { IdempotencyError } from '../idempotency-error';
import { assertBeginRequest } from '../validate-request';
import type { BeginAnswer, BeginRequest, Proceed } from '../write-types';
import { readState } from './read-state';
import { epochMs, integer, steps } from './rows';
import { run, timestampParameter, withTransaction } from './sql';
import type { Tables } from './tables';

/** Rounds of read-then-race before begin() gives up on a write that keeps changing hands. */
const maxRounds = 3;

/**
 * Takes the lease in one statement: inserts the record, or takes over an in-flight one
 * whose lease was released or has expired by the caller's clock. Postgres serialises
 * concurrent upserts on the primary key, so exactly one racer gets a row back.
 */
async function tryLease(
  runner: QueryRunner,
  tables: Tables,
  request: BeginRequest,
  now: number,
): Promise<Proceed | null> {
  const { rows } = await run(
    runner,
    `INSERT INTO ${tables.writeRecord} AS r ("target", "correlation_id", "entity_type", "entity_key", "source_version",
         "state", "lease_owner", "lease_expires_at", "attempts", "steps", "created_at", "updated_at",
         "arrival_order", "semantics")
       VALUES ($1, $2, $3, $4, $5, 'in-flight', $6, $7, 1, '{}'::jsonb, $8, $8, $9, $10)
     ON CONFLICT ("target", "correlation_id") DO UPDATE
       SET "lease_owner" = EXCLUDED."lease_owner", "lease_expires_at" = EXCLUDED."lease_expires_at",
           "attempts" = r."attempts" + 1, "updated_at" = EXCLUDED."updated_at"
       WHERE r."state" = 'in-flight' AND (r."lease_expires_at" IS NULL OR r."lease_expires_at" <= $8)
     RETURNING r."attempts", r."steps", r."lease_expires_at"`,
    [
      request.target,
      request.correlationId,
      request.entityType,
      request.entityKey,
      request.sourceVersion,
      request.leaseOwner,
      timestampParameter(now + request.leaseMs),
      timestampParameter(now),
      request.arrivalOrder ?? 0,
      request.semantics ?? 'state',
    ],
  );
  const row = rows[0];
  if (row === undefined) return null;
  return {
    kind: 'proceed',
    attempt: integer(row, 'attempts'),
    completedSteps: steps(row),
    leaseExpiresAt: epochMs(row, 'lease_expires_at'),
  };
}

/** The leaseholder becomes the record's claimant; a doubt it left itself keeps its start. */
async function claimRecord(
  runner: QueryRunner,
  tables: Tables,
  request: BeginRequest,
  leaseExpiresAt: number,
): Promise<void> {
  await run(
    runner,
    `INSERT INTO ${tables.recordClaim} AS c ("target", "entity_type", "entity_key", "correlation_id",
         "source_version", "arrival_order", "lease_owner", "lease_expires_at", "in_doubt_since")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)
     ON CONFLICT ("target", "entity_type", "entity_key") DO UPDATE
       SET "in_doubt_since" = CASE WHEN c."correlation_id" = EXCLUDED."correlation_id" THEN c."in_doubt_since" END,
           "correlation_id" = EXCLUDED."correlation_id", "source_version" = EXCLUDED."source_version",
           "arrival_order" = EXCLUDED."arrival_order", "lease_owner" = EXCLUDED."lease_owner",
           "lease_expires_at" = EXCLUDED."lease_expires_at"`,
    [
      request.target,
      request.entityType,
      request.entityKey,
      request.correlationId,
      request.sourceVersion,
      request.arrivalOrder ?? 0,
      request.leaseOwner,
      timestampParameter(leaseExpiresAt),
    ],
  );
}

/**
 * Decides under a transaction-scoped advisory lock on the record (target, entity), so the
 * stale check, the claim check and taking the lease are one step for every writer of that
 * record, in any flow or replica. complete/fail/release need no lock: each is one statement.
 */
export async function beginWrite(
  dataSource: DataSource,
  tables: Tables,
  request: BeginRequest,
  now: number,
  inDoubtHoldMs: number,
): Promise<BeginAnswer> {
  assertBeginRequest(request);
  return withTransaction(dataSource, async (runner) => {
    await run(runner, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      JSON.stringify([tables.recordClaim, request.target, request.entityType, request.entityKey]),
    ]);
    for (let round = 0; round < maxRounds; round += 1) {
      const state = await readState(runner, tables, request);
      const decision = decideBegin(state, request, now, inDoubtHoldMs);
      if (decision.kind !== 'try-lease') return decision;
      const granted = await tryLease(runner, tables, request, now);
      if (granted === null) continue;
      await claimRecord(runner, tables, request, granted.leaseExpiresAt);
      return granted;
    }
    throw new IdempotencyError(
      'IDEMPOTENCY_CONTENDED',
      `write ${request.target}/${request.correlationId} changed hands ${maxRounds} times during begin()`,
      true,
    );
  });
}
