import type { DataSource } from 'typeorm';
import { decideBegin } from '../begin-policy';
import { IdempotencyError } from '../idempotency-error';
import { assertBeginRequest } from '../validate-request';
import type { BeginAnswer, BeginRequest, Proceed } from '../write-types';
import { statesStatement, toBeginStates } from './read-state';
import { epochMs, integer, steps, text, type RawRow } from './rows';
import {
  executeArguments,
  inputRows,
  literalInput,
  parameterInput,
  parameterTypes,
  type BeginInputSql,
} from './begin-input';
import { prepareOnce, runStatements, textArrayLiteral, withRunner } from './sql';
import { oncePerTables, type Tables } from './tables';
import type { Placement, Settled } from '../group-commit';

/** Rounds of read-then-race before begin() gives up on a write that keeps changing hands. */
const maxRounds = 3;

export type BeginSettled = Settled<BeginAnswer>;

/**
 * The `leased` and `claimed` CTEs: take the leases of the rows of `from` (columns as
 * inputRows) and claim their records. Inserts each record, or takes over an in-flight one
 * whose lease was released or has expired by the caller's clock, and makes each leaseholder
 * its record's claimant (a doubt it left itself keeps its start). Postgres serialises
 * concurrent upserts on the primary key, so exactly one racer gets a row back, and only the
 * rows leased are claimed.
 */
function leaseAndClaimCtes(tables: Tables, input: BeginInputSql, from: string): string {
  const t = input.target;
  const at = input.now;
  return `leased AS (
       INSERT INTO ${tables.writeRecord} AS r ("target", "correlation_id", "entity_type", "entity_key", "source_version",
           "state", "lease_owner", "lease_expires_at", "attempts", "steps", "created_at", "updated_at",
           "arrival_order", "semantics")
       SELECT ${t}, cid, etype, ekey, version, 'in-flight', owner, ${at} + lease_ms * interval '1 millisecond', 1, '{}'::jsonb, ${at}, ${at}, arrival, semantics
         FROM ${from}
       ON CONFLICT ("target", "correlation_id") DO UPDATE
         SET "lease_owner" = EXCLUDED."lease_owner", "lease_expires_at" = EXCLUDED."lease_expires_at",
             "attempts" = r."attempts" + 1, "updated_at" = EXCLUDED."updated_at"
         WHERE r."state" = 'in-flight' AND (r."lease_expires_at" IS NULL OR r."lease_expires_at" <= ${at})
       RETURNING r."correlation_id", r."attempts", r."steps", r."lease_expires_at"
     ), claimed AS (
       INSERT INTO ${tables.recordClaim} AS c ("target", "entity_type", "entity_key", "correlation_id",
           "source_version", "arrival_order", "lease_owner", "lease_expires_at", "in_doubt_since")
       SELECT ${t}, f.etype, f.ekey, f.cid, f.version, f.arrival, f.owner,
              leased."lease_expires_at", NULL::timestamptz
         FROM leased JOIN ${from} f ON f.cid = leased."correlation_id"
       ON CONFLICT ("target", "entity_type", "entity_key") DO UPDATE
         SET "in_doubt_since" = CASE WHEN c."correlation_id" = EXCLUDED."correlation_id" THEN c."in_doubt_since" END,
             "correlation_id" = EXCLUDED."correlation_id", "source_version" = EXCLUDED."source_version",
             "arrival_order" = EXCLUDED."arrival_order", "lease_owner" = EXCLUDED."lease_owner",
             "lease_expires_at" = EXCLUDED."lease_expires_at"
     )`;
}

/**
 * Takes the leases of requests decided `try-lease` and claims their records, in one
 * statement. Written with literals, so the transaction's COMMIT travels with it.
 */
function leaseAndClaimStatement(
  tables: Tables,
  requests: readonly BeginRequest[],
  now: number,
): string {
  const input = literalInput(requests, now);
  return `WITH input AS (
       ${inputRows(input)}
     ), ${leaseAndClaimCtes(tables, input, 'input')}
     SELECT * FROM leased`;
}

/**
 * The first round's statement: the states statesStatement reads, and, in the same statement
 * (one snapshot), the leases and claims of the requests that state makes fresh: no write
 * record of the event, no claim on its record, and for state semantics no guard, or one the
 * event is newer than (not stale, as isStale) and not its own purged record's. decideBegin
 * answers `try-lease` for every such request, so no answer is taken back; the others are
 * decided from the same rows, or (any other `try-lease`) go to the rounds of two round trips.
 * With the COMMIT, a round trip for the batch.
 */
function freshLeaseStatement(tables: Tables, input: BeginInputSql): string {
  return `WITH states AS (
       ${statesStatement(tables, input)}
     ), input AS (
       ${inputRows(input)}
     ), fresh AS (
       SELECT input.* FROM input JOIN states s ON s.ord = input.ord
        WHERE s."target" IS NULL AND s.claim_correlation_id IS NULL
          AND (input.semantics <> 'state' OR s.applied_version IS NULL
               OR ((input.version, input.arrival) >= (s.applied_version, s.applied_arrival_order)
                   AND NOT (s.applied_correlation_id = input.cid AND s.applied_version = input.version)))
     ), ${leaseAndClaimCtes(tables, input, 'fresh')}
     SELECT s.*, leased."correlation_id" AS leased_correlation_id, leased."attempts" AS leased_attempts,
            leased."steps" AS leased_steps, leased."lease_expires_at" AS leased_lease_expires_at
       FROM states s JOIN input ON input.ord = s.ord
       LEFT JOIN leased ON leased."correlation_id" = input.cid
      ORDER BY s.ord`;
}

/**
 * freshLeaseStatement with parameters, prepared on each connection (prepareOnce): the largest
 * statement of every event, whose parsing and planning cost Postgres more than running it
 * (README, "Prepared statements").
 */
const preparedFreshLease = oncePerTables((tables) => freshLeaseStatement(tables, parameterInput));

/** A lease as the `leased` CTE returns it (columns named with `prefix` in the first round's rows). */
function proceedOf(row: RawRow, prefix = ''): Proceed {
  return {
    kind: 'proceed',
    attempt: integer(row, `${prefix}attempts`),
    completedSteps: steps({ steps: row[`${prefix}steps`] }),
    leaseExpiresAt: epochMs(row, `${prefix}lease_expires_at`),
  };
}

function leasesGranted(rows: readonly RawRow[]): Map<string, Proceed> {
  const granted = new Map<string, Proceed>();
  for (const row of rows) granted.set(text(row, 'correlation_id'), proceedOf(row));
  return granted;
}

const recordLockKey = (tables: Tables, request: BeginRequest): string =>
  JSON.stringify([tables.recordClaim, request.target, request.entityType, request.entityKey]);

/** The records' advisory locks, in one sorted order so two batches never wait on each other in a cycle. */
function lockRecordsStatement(tables: Tables, requests: readonly BeginRequest[]): string {
  const keys = requests.map((request) => recordLockKey(tables, request)).sort();
  return `SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${textArrayLiteral(keys)}) AS k`;
}

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
 * One round: decides under transaction-scoped advisory locks on the records (target, entity),
 * taken in one sorted order so batches never deadlock, so the stale check, the claim check
 * and taking the lease are one step for every writer of a record, in any flow or replica.
 * Two round trips for the whole batch: START TRANSACTION, the locks and the read of every
 * state in one query (the read is its own statement after the locks, so it sees what their
 * last holders committed); then the leases and claims with the COMMIT (or the COMMIT alone
 * when no request may take a lease). complete/fail/release need no lock: each is one statement.
 * Returns the answers decided and the requests that lost their lease race.
 */
async function beginRound(
  dataSource: DataSource,
  tables: Tables,
  requests: readonly BeginRequest[],
  now: number,
  inDoubtHoldMs: number,
): Promise<{ decided: Map<BeginRequest, BeginAnswer>; lost: BeginRequest[] }> {
  return withRunner(dataSource, async (runner) => {
    try {
      const opened = await runStatements(runner, [
        'START TRANSACTION',
        lockRecordsStatement(tables, requests),
        statesStatement(tables, literalInput(requests, now)),
      ]);
      const states = toBeginStates(opened[2] ?? []);
      const decided = new Map<BeginRequest, BeginAnswer>();
      const racing: BeginRequest[] = [];
      requests.forEach((request, index) => {
        const state = states[index] ?? { record: null, guard: null, claim: null };
        const decision = decideBegin(state, request, now, inDoubtHoldMs);
        if (decision.kind === 'try-lease') racing.push(request);
        else decided.set(request, decision);
      });
      if (racing.length === 0) {
        await runner.query('COMMIT');
        return { decided, lost: [] };
      }
      const [leased] = await runStatements(runner, [
        leaseAndClaimStatement(tables, racing, now),
        'COMMIT',
      ]);
      const granted = leasesGranted(leased ?? []);
      for (const request of racing) {
        const lease = granted.get(request.correlationId);
        if (lease !== undefined) decided.set(request, lease);
      }
      return { decided, lost: racing.filter((request) => !granted.has(request.correlationId)) };
    } catch (error) {
      // The pooled connection must not go back with a transaction open; when even the
      // rollback fails the connection is broken, and the first error is the one to report.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/**
 * The first round, in one round trip: START TRANSACTION, the records' locks, the states and
 * the leases of the fresh requests (freshLeaseStatement, prepared on the connection and
 * executed with the batch's values), and the COMMIT, in one query. Every
 * request is decided from the rows read after the locks, as in beginRound; a fresh one has its
 * lease already (or lost it to a racer), and any other `try-lease` (a record to take over, a
 * doubt to wait out or not) goes on to beginRound, which reads again under new locks.
 */
async function freshRound(
  dataSource: DataSource,
  tables: Tables,
  requests: readonly BeginRequest[],
  now: number,
  inDoubtHoldMs: number,
): Promise<{
  decided: Map<BeginRequest, BeginAnswer>;
  undecided: BeginRequest[];
  failed: Map<BeginRequest, IdempotencyError>;
}> {
  return withRunner(dataSource, async (runner) => {
    let rows: readonly RawRow[];
    try {
      const prepared = await prepareOnce(runner, preparedFreshLease(tables), parameterTypes);
      const results = await runStatements(runner, [
        'START TRANSACTION',
        lockRecordsStatement(tables, requests),
        `EXECUTE ${prepared}(${executeArguments(literalInput(requests, now))})`,
        'COMMIT',
      ]);
      rows = results[2] ?? [];
    } catch (error) {
      // As beginRound: no transaction goes back to the pool open.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    const states = toBeginStates(rows);
    const decided = new Map<BeginRequest, BeginAnswer>();
    const undecided: BeginRequest[] = [];
    const failed = new Map<BeginRequest, IdempotencyError>();
    requests.forEach((request, index) => {
      const row = rows[index];
      const state = states[index] ?? { record: null, guard: null, claim: null };
      const decision = decideBegin(state, request, now, inDoubtHoldMs);
      const leased = row !== undefined && row.leased_correlation_id !== null;
      if (leased && decision.kind !== 'try-lease')
        // Cannot happen while freshLeaseStatement's condition implies try-lease. The lease is
        // committed, so this write fails (retriable) and waits for it to expire rather than
        // be answered wrongly; the rest of the batch is not affected.
        failed.set(
          request,
          new IdempotencyError(
            'IDEMPOTENCY_CONTENDED',
            `write ${request.target}/${request.correlationId} was leased as fresh but decided ${decision.kind}`,
            true,
          ),
        );
      else if (leased) decided.set(request, proceedOf(row, 'leased_'));
      else if (decision.kind === 'try-lease') undecided.push(request);
      else decided.set(request, decision);
    });
    return { decided, undecided, failed };
  });
}

/**
 * Many begins (see assertBatchable); each gets the answer begin() would give. The first
 * round (freshRound) answers the batch in one round trip; a request it leaves undecided, or
 * that lost its lease race (a writer outside the record's lock changed it between the read and
 * the lease), is read and decided again in a new round, up to maxRounds.
 */
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
  const fresh = await freshRound(dataSource, tables, requests, now, inDoubtHoldMs);
  const answers = new Map<BeginRequest, BeginAnswer>(fresh.decided);
  let pending: readonly BeginRequest[] = fresh.undecided;
  for (let round = 0; round < maxRounds && pending.length > 0; round += 1) {
    const { decided, lost } = await beginRound(dataSource, tables, pending, now, inDoubtHoldMs);
    for (const [request, answer] of decided) answers.set(request, answer);
    pending = lost;
  }
  return requests.map((request) => {
    const answer = answers.get(request);
    if (answer !== undefined) return { ok: true, answer };
    const error = fresh.failed.get(request);
    if (error !== undefined) return { ok: false, error };
    return {
      ok: false,
      error: new IdempotencyError(
        'IDEMPOTENCY_CONTENDED',
        `write ${request.target}/${request.correlationId} changed hands ${maxRounds} times during begin()`,
        true,
      ),
    };
  });
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
