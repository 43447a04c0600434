import type { DataSource, QueryRunner } from 'typeorm';
import { decideBegin } from '../begin-policy';
import { IdempotencyError } from '../idempotency-error';
import { assertBeginRequest } from '../validate-request';
import type { BeginAnswer, BeginRequest, Proceed } from '../write-types';
import { readState } from './read-state';
import { epochMs, integer, steps } from './rows';
import { run, timestampParameter, withRunner } from './sql';
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
         "state", "lease_owner", "lease_expires_at", "attempts", "steps", "created_at", "updated_at")
       VALUES ($1, $2, $3, $4, $5, 'in-flight', $6, $7, 1, '{}'::jsonb, $8, $8)
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

export async function beginWrite(
  dataSource: DataSource,
  tables: Tables,
  request: BeginRequest,
  now: number,
): Promise<BeginAnswer> {
  assertBeginRequest(request);
  return withRunner(dataSource, async (runner) => {
    for (let round = 0; round < maxRounds; round += 1) {
      const { record, guard } = await readState(runner, tables, request);
      const decision = decideBegin(record, guard, request, now);
      if (decision.kind !== 'try-lease') return decision;
      const granted = await tryLease(runner, tables, request, now);
      if (granted !== null) return granted;
    }
    throw new IdempotencyError(
      'IDEMPOTENCY_CONTENDED',
      `write ${request.target}/${request.correlationId} changed hands ${maxRounds} times during begin()`,
      true,
    );
  });
}
