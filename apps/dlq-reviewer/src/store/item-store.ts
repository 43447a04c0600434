/** dead_letter_items: filtered keyset pages, status transitions (ingestion: dead-letter-ingest.ts). */
import type { DataSource, EntityManager } from 'typeorm';
import { filterWhere, type PageDirection } from './filter-sql';
import { ITEM_COLUMNS, toStoredItem, type ItemRow } from './item-rows';
import type { AttemptView, ItemFilter, ItemStatus, PageCursor, StoredItem } from './item-types';

export interface OpenStats {
  readonly target: string;
  readonly open: number;
  /** Epoch milliseconds of the oldest unfinished item. */
  readonly oldestAt: number;
  readonly underHour: number;
  readonly underDay: number;
  readonly overDay: number;
}

/** Items sharing a target and an error code: what an operator handles in one go. */
export interface ItemGroup {
  readonly target: string | null;
  readonly errorCode: string | null;
  readonly count: number;
  /** Epoch milliseconds of the first and the last dead letter in the group. */
  readonly firstAt: number;
  readonly lastAt: number;
}

export interface UnfinishedCount {
  readonly target: string | null;
  readonly errorCode: string | null;
  readonly status: 'open' | 'retrying';
  readonly count: number;
  /** Epoch milliseconds of the oldest of these items. */
  readonly oldestAt: number;
}

export class ItemStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Newest first; one more row than `limit` is read to know whether a further page exists.
   * `direction` newer reads the page before `cursor` (oldest first, then turned round);
   * without a cursor it reads the oldest items: the last page.
   */
  async page(
    filter: ItemFilter,
    limit: number,
    cursor?: PageCursor,
    direction: PageDirection = 'older',
  ): Promise<{ items: StoredItem[]; next: PageCursor | null; previous: PageCursor | null }> {
    const where = filterWhere(filter, cursor, direction);
    const order = direction === 'older' ? 'DESC' : 'ASC';
    const rows: ItemRow[] = await this.dataSource.query(
      `SELECT ${ITEM_COLUMNS} FROM "dead_letter_items" WHERE ${where.clause}
       ORDER BY "dead_lettered_at" ${order}, "id" ${order} LIMIT ${String(limit + 1)}`,
      where.params,
    );
    const more = rows.length > limit;
    const read = rows.slice(0, limit).map(toStoredItem);
    const items = direction === 'older' ? read : read.reverse();
    const keyOf = (item: StoredItem | undefined): PageCursor | null =>
      item === undefined ? null : { position: item.position, id: item.id };
    // The cursor's own side always has items (the one the cursor names, at least); the
    // far side has more when the extra row came back.
    const hasNewer = direction === 'older' ? cursor !== undefined : more;
    const hasOlder = direction === 'older' ? more : cursor !== undefined;
    return {
      items,
      next: hasOlder ? keyOf(items.at(-1)) : null,
      previous: hasNewer ? keyOf(items[0]) : null,
    };
  }

  /** The largest groups of the filtered items by (target, error code), most items first. */
  async groups(filter: ItemFilter, limit: number): Promise<ItemGroup[]> {
    const where = filterWhere(filter);
    const rows: {
      target: string | null;
      error_code: string | null;
      count: string;
      first_at: Date;
      last_at: Date;
    }[] = await this.dataSource.query(
      `SELECT "target", "error_code", count(*) AS "count",
         min("dead_lettered_at") AS "first_at", max("dead_lettered_at") AS "last_at"
       FROM "dead_letter_items" WHERE ${where.clause}
       GROUP BY "target", "error_code" ORDER BY count(*) DESC, "target", "error_code"
       LIMIT ${String(limit)}`,
      where.params,
    );
    return rows.map((row) => ({
      target: row.target,
      errorCode: row.error_code,
      count: Number(row.count),
      firstAt: row.first_at.getTime(),
      lastAt: row.last_at.getTime(),
    }));
  }

  /** Items matching `filter`; with `newerThan`, only those listed before that item. */
  async count(filter: ItemFilter, newerThan?: PageCursor): Promise<number> {
    const where = filterWhere(filter, newerThan, 'newer');
    const rows: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) AS "count" FROM "dead_letter_items" WHERE ${where.clause}`,
      where.params,
    );
    return Number(rows[0]?.count ?? 0);
  }

  async get(id: string): Promise<StoredItem | undefined> {
    const rows: ItemRow[] = await this.dataSource.query(
      `SELECT ${ITEM_COLUMNS} FROM "dead_letter_items" WHERE "id" = $1`,
      [id],
    );
    const row = rows[0];
    return row === undefined ? undefined : toStoredItem(row);
  }

  /**
   * The item as it is now, locked until `db`'s transaction ends: a retry builds its message
   * from the attempts a concurrent dead-letter merge (which locks it too) cannot change meanwhile.
   */
  async lock(db: EntityManager, id: string): Promise<StoredItem | undefined> {
    const rows: ItemRow[] = await db.query(
      `SELECT ${ITEM_COLUMNS} FROM "dead_letter_items" WHERE "id" = $1 FOR UPDATE`,
      [id],
    );
    const row = rows[0];
    return row === undefined ? undefined : toStoredItem(row);
  }

  /**
   * Moves an item to `status` if it is currently in one of `from`; undefined when it was
   * not (someone else acted first). `retryAttempt` is the delivery attempt a retry awaits.
   * `db` is the action's transaction, so the change commits with its audit row.
   */
  async transition(
    db: EntityManager,
    change: {
      readonly id: string;
      readonly from: readonly ItemStatus[];
      readonly status: ItemStatus;
      readonly retryAttempt?: number;
    },
    now: number,
  ): Promise<StoredItem | undefined> {
    const { id, from, status, retryAttempt } = change;
    const retrying = status === 'retrying';
    const rows: [ItemRow[], number] = await db.query(
      `UPDATE "dead_letter_items" SET "status" = $3, "updated_at" = to_timestamp($4),
         "retry_attempt" = CASE WHEN $5 THEN $6::integer ELSE "retry_attempt" END,
         "retried_at" = CASE WHEN $5 THEN to_timestamp($4) ELSE "retried_at" END
       WHERE "id" = $1 AND "status" = ANY($2::text[]) RETURNING ${ITEM_COLUMNS}`,
      [id, from, status, now / 1000, retrying, retryAttempt ?? null],
    );
    const row = rows[0][0];
    return row === undefined ? undefined : toStoredItem(row);
  }

  /**
   * Applies a delivery outcome to the items retrying this correlation id for this target
   * (an outcome of an earlier delivery, attempt below the awaited one, is ignored).
   */
  async applyOutcome(
    match: { correlationId: string; target: string; attempt: number },
    status: 'resolved' | 'open',
    failure: AttemptView | null,
    now: number,
  ): Promise<string[]> {
    const rows: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE "dead_letter_items" SET "status" = $4, "updated_at" = to_timestamp($5),
         "attempts" = CASE WHEN $6::jsonb IS NULL THEN "attempts" ELSE "attempts" || jsonb_build_array($6::jsonb) END,
         "error_class" = COALESCE($6::jsonb ->> 'errorClass', "error_class"),
         "error_code" = COALESCE($6::jsonb ->> 'code', "error_code"),
         "error_message" = COALESCE($6::jsonb ->> 'message', "error_message"),
         "last_failure_at" = CASE WHEN $6::jsonb IS NULL THEN "last_failure_at" ELSE to_timestamp($5) END
       WHERE "status" = 'retrying' AND "correlation_id" = $1 AND "target" = $2
         AND COALESCE("retry_attempt", 0) <= $3
       RETURNING "id"`,
      [
        match.correlationId,
        match.target,
        match.attempt,
        status,
        now / 1000,
        failure === null ? null : JSON.stringify(failure),
      ],
    );
    return rows[0].map((row) => row.id);
  }

  /** Unfinished items counted by target, error code and status (the per-target overview). */
  async unfinishedByCode(): Promise<UnfinishedCount[]> {
    const rows: {
      target: string | null;
      error_code: string | null;
      status: 'open' | 'retrying';
      count: string;
      oldest: Date;
    }[] = await this.dataSource.query(
      `SELECT "target", "error_code", "status", count(*) AS "count", min("dead_lettered_at") AS "oldest"
       FROM "dead_letter_items" WHERE "status" IN ('open', 'retrying')
       GROUP BY "target", "error_code", "status"`,
    );
    return rows.map((row) => ({
      target: row.target,
      errorCode: row.error_code,
      status: row.status,
      count: Number(row.count),
      oldestAt: row.oldest.getTime(),
    }));
  }

  /** Per target: unfinished (open or retrying) items, the oldest one, and counts by age. */
  async openStats(now: number): Promise<OpenStats[]> {
    const rows: {
      target: string;
      open: string;
      oldest: Date;
      under_hour: string;
      under_day: string;
      over_day: string;
    }[] = await this.dataSource.query(
      `SELECT COALESCE("target", 'unknown') AS "target", count(*) AS "open",
         min("dead_lettered_at") AS "oldest",
         count(*) FILTER (WHERE "dead_lettered_at" >= to_timestamp($1) - interval '1 hour') AS "under_hour",
         count(*) FILTER (WHERE "dead_lettered_at" < to_timestamp($1) - interval '1 hour'
                            AND "dead_lettered_at" >= to_timestamp($1) - interval '1 day') AS "under_day",
         count(*) FILTER (WHERE "dead_lettered_at" < to_timestamp($1) - interval '1 day') AS "over_day"
       FROM "dead_letter_items" WHERE "status" IN ('open', 'retrying') GROUP BY 1`,
      [now / 1000],
    );
    return rows.map((row) => ({
      target: row.target,
      open: Number(row.open),
      oldestAt: row.oldest.getTime(),
      underHour: Number(row.under_hour),
      underDay: Number(row.under_day),
      overDay: Number(row.over_day),
    }));
  }
}
