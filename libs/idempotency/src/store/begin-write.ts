import type { DataSource, QueryRunner } from 'typeorm';
import { decideBegin } from '../begin-policy';
import { IdempotencyError } from '../idempotency-error';
import { assertBeginRequest } from '../validate-request';
import type { BeginAnswer, BeginRequest, Proceed } from '../write-types';
import { readStates } from './read-state';
import { epochMs, integer, steps, text } from './rows';
import { run, textArrayLiteral, timestampParameter, withTransactionOpenedBy } from './sql';
import type { Tables } from './tables';
import type { Placement, Settled } from '../group-commit';

/** Rounds of read-then-race before begin() gives up on a write that keeps changing hands. */
const maxRounds = 3;

export type BeginSettled = Settled<BeginAnswer>;

/**
 * Takes the leases and claims their records in one statement: inserts each record, or takes
 * over an in-flight one whose lease was released or has expired by the caller's clock, and
 * makes each leaseholder its record's claimant (a doubt it left itself keeps its start).
 * Postgres serialises concurrent upserts on the primary key, so exactly one racer gets a row
 * back, and only the rows leased are claimed.
 */
async function leaseAndClaim(
  runner: QueryRunner,
  tables: Tables,
  requests: readonly BeginRequest[],
  now: number,
): Promise<Map<string, Proceed>> {
  const granted = new Map<string, Proceed>();
  const target = requests[0]?.target;
  if (target === undefined) return granted;
  const { rows } = await run(
    runner,
    `WITH input AS (
       SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::timestamptz[],
                            $9::bigint[], $10::text[]) AS u(cid, etype, ekey, version, owner, expires, arrival, semantics)
     ), leased AS (
       INSERT INTO ${tables.writeRecord} AS r ("target", "correlation_id", "entity_type", "entity_key", "source_version",
           "state", "lease_owner", "lease_expires_at", "attempts", "steps", "created_at", "updated_at",
           "arrival_order", "semantics")
       SELECT $1, cid, etype, ekey, version, 'in-flight', owner, expires, 1, '{}'::jsonb, $2, $2, arrival, semantics
         FROM input
       ON CONFLICT ("target", "correlation_id") DO UPDATE
         SET "lease_owner" = EXCLUDED."lease_owner", "lease_expires_at" = EXCLUDED."lease_expires_at",
             "attempts" = r."attempts" + 1, "updated_at" = EXCLUDED."updated_at"
         WHERE r."state" = 'in-flight' AND (r."lease_expires_at" IS NULL OR r."lease_expires_at" <= $2)
       RETURNING r."correlation_id", r."attempts", r."steps", r."lease_expires_at"
     ), claimed AS (
       INSERT INTO ${tables.recordClaim} AS c ("target", "entity_type", "entity_key", "correlation_id",
           "source_version", "arrival_order", "lease_owner", "lease_expires_at", "in_doubt_since")
       SELECT $1, input.etype, input.ekey, input.cid, input.version, input.arrival, input.owner,
              leased."lease_expires_at", NULL::timestamptz
         FROM leased JOIN input ON input.cid = leased."correlation_id"
       ON CONFLICT ("target", "entity_type", "entity_key") DO UPDATE
         SET "in_doubt_since" = CASE WHEN c."correlation_id" = EXCLUDED."correlation_id" THEN c."in_doubt_since" END,
             "correlation_id" = EXCLUDED."correlation_id", "source_version" = EXCLUDED."source_version",
             "arrival_order" = EXCLUDED."arrival_order", "lease_owner" = EXCLUDED."lease_owner",
             "lease_expires_at" = EXCLUDED."lease_expires_at"
     )
     SELECT * FROM leased`,
    [
      target,
      timestampParameter(now),
      requests.map((request) => request.correlationId),
      requests.map((request) => request.entityType),
      requests.map((request) => request.entityKey),
      requests.map((request) => request.sourceVersion),
      requests.map((request) => request.leaseOwner),
      requests.map((request) => timestampParameter(now + request.leaseMs)),
      requests.map((request) => request.arrivalOrder ?? 0),
      requests.map((request) => request.semantics ?? 'state'),
    ],
  );
  for (const row of rows)
    granted.set(text(row, 'correlation_id'), {
      kind: 'proceed',
      attempt: integer(row, 'attempts'),
      completedSteps: steps(row),
      leaseExpiresAt: epochMs(row, 'lease_expires_at'),
    });
  return granted;
}

const recordLockKey = (tables: Tables, request: BeginRequest): string =>
  JSON.stringify([tables.recordClaim, request.target, request.entityType, request.entityKey]);

/** A begin may join a batch of its target with none of its record or correlation id. */
export const beginPlacement = (request: BeginRequest): Placement => ({
  group: request.target,
  slots: [
    JSON.stringify(['record', request.entityType, request.entityKey]),
    JSON.stringify(['write', request.correlationId]),
  ],
});

/**
 * Requests that may share one transaction: one target, and no two of the same record or
 * correlation id (one statement cannot lease or claim the same row twice).
 */
export function assertBatchable(tables: Tables, requests: readonly BeginRequest[]): void {
  const records = new Set(requests.map((request) => recordLockKey(tables, request)));
  const ids = new Set(requests.map((request) => request.correlationId));
  const targets = new Set(requests.map((request) => request.target));
  if (records.size !== requests.length || ids.size !== requests.length || targets.size > 1)
    throw new IdempotencyError(
      'IDEMPOTENCY_INVALID_REQUEST',
      'begins batched together need one target and distinct records and correlation ids',
      false,
    );
}

/**
 * Decides under transaction-scoped advisory locks on the records (target, entity), taken in
 * one sorted order so batches never deadlock (with the transaction's start, see beginWrites),
 * so the stale check, the claim check and taking the lease are one step for every writer of
 * a record, in any flow or replica. Every step is one statement for the whole batch: a round
 * reads the states, then leases and claims. complete/fail/release need no lock: each is one
 * statement.
 */
async function beginLocked(
  runner: QueryRunner,
  tables: Tables,
  requests: readonly BeginRequest[],
  now: number,
  inDoubtHoldMs: number,
): Promise<BeginSettled[]> {
  const settled = new Map<BeginRequest, BeginSettled>();
  let pending = requests;
  for (let round = 0; round < maxRounds && pending.length > 0; round += 1) {
    const states = await readStates(runner, tables, pending);
    const racing: BeginRequest[] = [];
    pending.forEach((request, index) => {
      const state = states[index] ?? { record: null, guard: null, claim: null };
      const decision = decideBegin(state, request, now, inDoubtHoldMs);
      if (decision.kind === 'try-lease') racing.push(request);
      else settled.set(request, { ok: true, answer: decision });
    });
    const granted = await leaseAndClaim(runner, tables, racing, now);
    for (const request of racing) {
      const lease = granted.get(request.correlationId);
      if (lease !== undefined) settled.set(request, { ok: true, answer: lease });
    }
    pending = racing.filter((request) => !granted.has(request.correlationId));
  }
  return requests.map(
    (request) =>
      settled.get(request) ?? {
        ok: false,
        error: new IdempotencyError(
          'IDEMPOTENCY_CONTENDED',
          `write ${request.target}/${request.correlationId} changed hands ${maxRounds} times during begin()`,
          true,
        ),
      },
  );
}

/** Many begins in one transaction (see assertBatchable); each gets the answer begin() would give. */
export async function beginWrites(
  dataSource: DataSource,
  tables: Tables,
  requests: readonly BeginRequest[],
  now: number,
  inDoubtHoldMs: number,
): Promise<BeginSettled[]> {
  if (requests.length === 0) return [];
  for (const request of requests) assertBeginRequest(request);
  assertBatchable(tables, requests);
  const lockKeys = requests.map((request) => recordLockKey(tables, request)).sort();
  return withTransactionOpenedBy(
    dataSource,
    `SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${textArrayLiteral(lockKeys)}) AS k`,
    (runner) => beginLocked(runner, tables, requests, now, inDoubtHoldMs),
  );
}

export async function beginWrite(
  dataSource: DataSource,
  tables: Tables,
  request: BeginRequest,
  now: number,
  inDoubtHoldMs: number,
): Promise<BeginAnswer> {
  const [settled] = await beginWrites(dataSource, tables, [request], now, inDoubtHoldMs);
  if (settled === undefined) throw new Error('begin() settled nothing');
  if (!settled.ok) throw settled.error;
  return settled.answer;
}
