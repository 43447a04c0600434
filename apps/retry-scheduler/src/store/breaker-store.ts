/**
 * One row per target: the breaker record, the probe in flight and the drain bucket, all
 * replicas reading and writing the same row under a row lock; and the target's outages
 * (breaker not closed), from which paused time is computed.
 */
import { escapeLiteral } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { INITIAL_BREAKER_RECORD, type BreakerRecord } from '../breaker/breaker-record';

export interface BreakerRow {
  readonly target: string;
  readonly record: BreakerRecord;
  readonly probeEventId: string | null;
  readonly probeSentAt: number | null;
  readonly drainTokens: number;
  readonly drainRefilledAt: number;
}

interface BreakerSqlRow {
  target: string;
  record: BreakerRecord;
  probe_event_id: string | null;
  probe_sent_at: string | null;
  drain_tokens: number;
  drain_refilled_at: string;
}

function toRow(row: BreakerSqlRow): BreakerRow {
  return {
    target: row.target,
    record: row.record,
    probeEventId: row.probe_event_id,
    probeSentAt: row.probe_sent_at === null ? null : Number(row.probe_sent_at),
    drainTokens: row.drain_tokens,
    drainRefilledAt: Number(row.drain_refilled_at),
  };
}

export async function ensureBreakerRows(
  dataSource: DataSource,
  targets: readonly { readonly target: string; readonly drainBurst: number }[],
  now: number,
): Promise<void> {
  for (const { target, drainBurst } of targets) {
    await dataSource.query(
      `INSERT INTO retry_breaker (target, record, drain_tokens, drain_refilled_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (target) DO NOTHING`,
      [target, JSON.stringify(INITIAL_BREAKER_RECORD), drainBurst, now],
    );
  }
}

/**
 * Row lock modes, chosen so intake never waits behind a claim that is producing to Kafka:
 *   outcome → FOR UPDATE: excludes everyone (it may end an outage and shift rows);
 *   claim   → FOR NO KEY UPDATE: excludes other claims and outcomes, not intake;
 *   intake  → FOR KEY SHARE: excludes only outcomes, so no row misses an outage's shift.
 */
export type BreakerLock = 'outcome' | 'claim' | 'intake';

const LOCK_SQL: Readonly<Record<BreakerLock, string>> = {
  outcome: 'FOR UPDATE',
  claim: 'FOR NO KEY UPDATE',
  intake: 'FOR KEY SHARE',
};

export async function lockBreaker(
  manager: EntityManager,
  target: string,
  lock: BreakerLock,
): Promise<BreakerRow | undefined> {
  const rows: BreakerSqlRow[] = await manager.query(
    `SELECT target, record, probe_event_id, probe_sent_at, drain_tokens, drain_refilled_at
       FROM retry_breaker WHERE target = $1 ${LOCK_SQL[lock]}`,
    [target],
  );
  const row = rows[0];
  return row === undefined ? undefined : toRow(row);
}

/**
 * Takes the breaker rows of `targets` with `lock`, in name order (as withOutcomeLocks does,
 * so replicas never deadlock), in one statement; inside a transaction.
 */
export async function lockBreakers(
  manager: EntityManager,
  targets: readonly string[],
  lock: BreakerLock,
): Promise<void> {
  await manager.query(
    `SELECT target FROM retry_breaker WHERE target = ANY($1::text[]) ORDER BY target ${LOCK_SQL[lock]}`,
    [[...targets].sort()],
  );
}

/** The part of node-postgres's client the opening query needs (several statements, several results). */
interface MultiStatementClient {
  query(sql: string): Promise<readonly { readonly rows: BreakerSqlRow[] }[]>;
}

/**
 * Runs `work` in one transaction holding the breaker rows of `targets` with the outcome lock,
 * taken in name order (replicas never deadlock); targets without a row are absent from the
 * map. START TRANSACTION and the lock travel in one query, one round trip instead of two.
 * Several statements in one query take the simple protocol, which has no parameters, so
 * the names are quoted by node-postgres's escapeLiteral.
 */
export async function withOutcomeLocks<T>(
  dataSource: DataSource,
  targets: readonly string[],
  work: (manager: EntityManager, rows: ReadonlyMap<string, BreakerRow>) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as MultiStatementClient;
    const names = [...targets].sort().map((target) => escapeLiteral(target));
    try {
      const [, locked] = await client.query(
        `START TRANSACTION;
         SELECT target, record, probe_event_id, probe_sent_at, drain_tokens, drain_refilled_at
           FROM retry_breaker WHERE target IN (${names.join(', ')}) ORDER BY target ${LOCK_SQL.outcome}`,
      );
      const rows = new Map((locked?.rows ?? []).map((row) => [row.target, toRow(row)]));
      const result = await work(runner.manager, rows);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      // The pooled connection must not go back with a transaction open; when even the
      // rollback fails the connection is broken, and the first error is the one to report.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
  }
}

export async function readBreakers(dataSource: DataSource): Promise<BreakerRow[]> {
  const rows: BreakerSqlRow[] = await dataSource.query(
    `SELECT target, record, probe_event_id, probe_sent_at, drain_tokens, drain_refilled_at FROM retry_breaker`,
  );
  return rows.map(toRow);
}

export async function saveBreaker(manager: EntityManager, row: BreakerRow): Promise<void> {
  await manager.query(
    `UPDATE retry_breaker
        SET record = $2, probe_event_id = $3, probe_sent_at = $4, drain_tokens = $5, drain_refilled_at = $6
      WHERE target = $1`,
    [
      row.target,
      JSON.stringify(row.record),
      row.probeEventId,
      row.probeSentAt,
      row.drainTokens,
      row.drainRefilledAt,
    ],
  );
}

export async function startOutage(
  manager: EntityManager,
  target: string,
  at: number,
): Promise<void> {
  await manager.query(
    `INSERT INTO retry_pause (target, started_at)
     SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM retry_pause WHERE target = $1 AND ended_at IS NULL)`,
    [target, at],
  );
}

/** Ends the open outage; returns its start, or undefined when none was open. */
export async function endOutage(
  manager: EntityManager,
  target: string,
  at: number,
): Promise<number | undefined> {
  const open: { started_at: string }[] = await manager.query(
    `SELECT started_at FROM retry_pause WHERE target = $1 AND ended_at IS NULL`,
    [target],
  );
  const startedAt = open[0]?.started_at;
  if (startedAt === undefined) return undefined;
  await manager.query(
    `UPDATE retry_pause SET ended_at = GREATEST($2::bigint, started_at) WHERE target = $1 AND ended_at IS NULL`,
    [target, at],
  );
  return Number(startedAt);
}

/**
 * For each (target, since) pair, in order: the time of the target's ended outages after
 * `since` (a first failure), the pause its clock has already had; one statement for all.
 */
export async function pausedSinceMany(
  manager: EntityManager,
  firsts: readonly { readonly target: string; readonly since: number }[],
): Promise<number[]> {
  if (firsts.length === 0) return [];
  const rows: { i: string; paused: string | null }[] = await manager.query(
    `SELECT first.i, sum(pause.ended_at - GREATEST(pause.started_at, first.since)) AS paused
       FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS first(target, since, i)
       LEFT JOIN retry_pause AS pause
         ON pause.target = first.target AND pause.ended_at IS NOT NULL AND pause.ended_at > first.since
      GROUP BY first.i`,
    [firsts.map((first) => first.target), firsts.map((first) => first.since)],
  );
  const paused = new Map(rows.map((row) => [Number(row.i), Number(row.paused ?? 0)]));
  return firsts.map((_, index) => paused.get(index + 1) ?? 0);
}
