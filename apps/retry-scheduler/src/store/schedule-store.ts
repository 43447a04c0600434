/**
 * The durable schedule: one row per (target, eventId, attempts). Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so two replicas never hand out the same row at once, and kept
 * after sending (without their payload) for a while, so a retry message consumed again
 * after a crash is recognised instead of scheduled twice.
 */
import type { RawHeaders } from '@hub/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { dueNoticeSql } from './due-notice';

export type RowKind = 'redeliver' | 'dead_letter';

export interface NewScheduleRow {
  readonly target: string;
  readonly eventId: string;
  readonly attempts: number;
  /** The schedule step it waits on: the target's own failures (scheduleBasis), holds left out. */
  readonly step: number;
  readonly kind: RowKind;
  /** The operator's retry id (hub-operator-retry); '' for an automatic retry. */
  readonly operatorRetry: string;
  readonly firstFailureAt: number;
  readonly dueAt: number;
  readonly enqueuedAt: number;
  readonly key: Buffer | null;
  readonly value: Buffer;
  readonly headers: RawHeaders;
  readonly consumedFrom: {
    readonly topic: string;
    readonly partition: number;
    readonly offset: string;
  };
}

export interface ClaimedRow {
  readonly id: string;
  readonly target: string;
  readonly eventId: string;
  readonly attempts: number;
  readonly dueAt: number;
  readonly key: Buffer | null;
  readonly value: Buffer;
  readonly headers: RawHeaders;
  readonly consumedFrom: {
    readonly topic: string;
    readonly partition: number;
    readonly offset: string;
  };
}

interface ClaimedSqlRow {
  id: string;
  target: string;
  event_id: string;
  attempts: number;
  due_at: string;
  message_key: Buffer | null;
  message_value: Buffer;
  headers: RawHeaders;
  consumed_topic: string;
  consumed_partition: number;
  consumed_offset: string;
}

export interface PendingSummaryRow {
  readonly target: string;
  /** The schedule step the retries wait on (1-based, not capped: the caller caps it). */
  readonly step: number;
  readonly pending: number;
  readonly oldestFirstFailureAt: number;
  readonly nextDueAt: number;
}

const INSERT_COLUMNS = 15;

function insertParameters(row: NewScheduleRow): unknown[] {
  return [
    row.target,
    row.eventId,
    row.attempts,
    row.kind,
    row.firstFailureAt,
    row.dueAt,
    row.enqueuedAt,
    row.key,
    row.value,
    JSON.stringify(row.headers),
    row.consumedFrom.topic,
    row.consumedFrom.partition,
    row.consumedFrom.offset,
    row.operatorRetry,
    row.step,
  ];
}

/**
 * Inserts the rows in one statement, in the order given (ids ascending, so rows due at the
 * same time go out in that order); a row already there (a message consumed again, or twice
 * in `rows`) is left as it was. Returns, per row, whether it was inserted. Each inserted row
 * notifies its target's loops at commit (DueListener).
 */
export async function insertScheduleRows(
  manager: EntityManager,
  rows: readonly NewScheduleRow[],
): Promise<boolean[]> {
  if (rows.length === 0) return [];
  const values = rows.map(
    (_, index) =>
      `(${Array.from({ length: INSERT_COLUMNS }, (__, column) => `$${String(index * INSERT_COLUMNS + column + 1)}`).join(', ')})`,
  );
  const inserted: { target: string; event_id: string; attempts: number; operator_retry: string }[] =
    await manager.query(
      `WITH inserted AS (
         INSERT INTO retry_schedule
           (target, event_id, attempts, kind, first_failure_at, due_at, enqueued_at, message_key,
            message_value, headers, consumed_topic, consumed_partition, consumed_offset,
            operator_retry, step)
         VALUES ${values.join(', ')}
         ON CONFLICT ON CONSTRAINT retry_schedule_once DO NOTHING
         RETURNING target, event_id, attempts, operator_retry)
       SELECT target, event_id, attempts, operator_retry, ${dueNoticeSql('target')} FROM inserted`,
      rows.flatMap(insertParameters),
    );
  const identity = (row: {
    target: string;
    eventId: string;
    attempts: number;
    operatorRetry: string;
  }): string => JSON.stringify([row.target, row.eventId, row.attempts, row.operatorRetry]);
  const fresh = new Set(
    inserted.map((row) =>
      identity({
        target: row.target,
        eventId: row.event_id,
        attempts: row.attempts,
        operatorRetry: row.operator_retry,
      }),
    ),
  );
  // The first of two equal rows in `rows` is the one inserted.
  return rows.map((row) => fresh.delete(identity(row)));
}

/** Returns false when the row was already there (a message consumed again). */
export async function insertScheduleRow(
  manager: EntityManager,
  row: NewScheduleRow,
): Promise<boolean> {
  const [inserted] = await insertScheduleRows(manager, [row]);
  return inserted === true;
}

/**
 * Locks up to `limit` due rows of one target and kind, earliest first (rows due at the same
 * time in the order taken in), skipping rows another replica holds.
 */
export async function claimDueRows(
  manager: EntityManager,
  target: string,
  kind: RowKind,
  now: number,
  limit: number,
): Promise<ClaimedRow[]> {
  const rows: ClaimedSqlRow[] = await manager.query(
    `SELECT id, target, event_id, attempts, due_at, message_key, message_value, headers,
            consumed_topic, consumed_partition, consumed_offset
       FROM retry_schedule
      WHERE target = $1 AND kind = $2 AND state = 'pending' AND due_at <= $3
      ORDER BY due_at, id
      LIMIT $4
        FOR UPDATE SKIP LOCKED`,
    [target, kind, now, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    target: row.target,
    eventId: row.event_id,
    attempts: row.attempts,
    dueAt: Number(row.due_at),
    key: row.message_key,
    value: row.message_value,
    headers: row.headers,
    consumedFrom: {
      topic: row.consumed_topic,
      partition: row.consumed_partition,
      offset: row.consumed_offset,
    },
  }));
}

/** Due time of the target's earliest pending redelivery, if any. */
export async function nextDueAt(
  manager: EntityManager,
  target: string,
): Promise<number | undefined> {
  const rows: { due_at: string | null }[] = await manager.query(
    `SELECT min(due_at) AS due_at FROM retry_schedule
      WHERE target = $1 AND kind = 'redeliver' AND state = 'pending'`,
    [target],
  );
  const due = rows[0]?.due_at;
  return due === null || due === undefined ? undefined : Number(due);
}

/** Sent: keeps the identity (for redelivery dedup), drops the payload. */
export async function markRowsDone(
  manager: EntityManager,
  ids: readonly string[],
  now: number,
): Promise<void> {
  await manager.query(
    `UPDATE retry_schedule
        SET state = 'done', done_at = $2, message_value = NULL, message_key = NULL, headers = NULL
      WHERE id = ANY($1::bigint[])`,
    [ids, now],
  );
}

/**
 * An outage [startedAt, endedAt] is over: every pending redelivery of the target moves
 * by the part of the outage after its first failure, so its clock stood still meanwhile.
 * Operator retries, and rows an operator pulled forward once the outage had begun, stay put:
 * they were due when asked for, and only waited for the breaker.
 */
export async function shiftForOutage(
  manager: EntityManager,
  target: string,
  startedAt: number,
  endedAt: number,
): Promise<void> {
  await manager.query(
    `UPDATE retry_schedule
        SET due_at = due_at + ($3::bigint - GREATEST($2::bigint, first_failure_at))
      WHERE target = $1 AND state = 'pending' AND kind = 'redeliver' AND first_failure_at < $3
        AND operator_retry = '' AND (pulled_forward_at IS NULL OR pulled_forward_at < $2)`,
    [target, startedAt, endedAt],
  );
}

/**
 * An operator's pull-forward: the target's pending redeliveries taken in before `before`
 * are due at `before` at the latest (still behind the breaker and the drain rate), and keep
 * the order's time, so an outage already going on does not move them when it ends (those
 * already due sooner too, or they would end up behind the ones pulled). An order applies to
 * a row once: running it again (every replica does; a restart reads the control topic from
 * the beginning) changes nothing, nor undoes what a later outage moved. Returns how many
 * rows it made due sooner.
 */
export async function pullForward(
  dataSource: DataSource,
  target: string,
  before: number,
): Promise<number> {
  // `was` is the row as this statement found it: its due time before the update.
  const [pulled]: [{ moved: boolean }[], number] = await dataSource.query(
    `UPDATE retry_schedule AS row
        SET due_at = LEAST(row.due_at, $2), pulled_forward_at = GREATEST(row.pulled_forward_at, $2)
       FROM retry_schedule AS was
      WHERE was.id = row.id AND row.target = $1 AND row.state = 'pending'
        AND row.kind = 'redeliver' AND row.enqueued_at <= $2
        AND (row.pulled_forward_at IS NULL OR row.pulled_forward_at < $2)
      RETURNING was.due_at > $2 AS moved`,
    [target, before],
  );
  return pulled.filter((row) => row.moved).length;
}

export async function purgeDoneRows(dataSource: DataSource, before: number): Promise<void> {
  await dataSource.query(`DELETE FROM retry_schedule WHERE state = 'done' AND done_at < $1`, [
    before,
  ]);
}

/** Pending rows per target and schedule step, for metrics and GET /status. */
export async function pendingSummary(dataSource: DataSource): Promise<PendingSummaryRow[]> {
  const rows: {
    target: string;
    step: number;
    pending: string;
    oldest: string;
    next_due: string;
  }[] = await dataSource.query(
    `SELECT target, step, count(*) AS pending, min(first_failure_at) AS oldest, min(due_at) AS next_due
       FROM retry_schedule
      WHERE state = 'pending'
      GROUP BY target, step`,
  );
  return rows.map((row) => ({
    target: row.target,
    step: row.step,
    pending: Number(row.pending),
    oldestFirstFailureAt: Number(row.oldest),
    nextDueAt: Number(row.next_due),
  }));
}
