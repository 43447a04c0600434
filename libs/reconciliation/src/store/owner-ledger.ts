/**
 * The owner's newest state per key, as a receiver's connector accepted it. Recorded in
 * batches (one statement per batch); a batch's entries of one key are ranked in memory first
 * (Postgres cannot update one row twice in one INSERT … ON CONFLICT), and the row only moves
 * forward: an older event read again (a redelivery, a rebalance) never replaces a newer one.
 */
import { isStale, qualifiedTable, type JsonValue } from '@hub/idempotency';
import type { Clock } from '@hub/primitives';
import type { DataSource } from 'typeorm';
import { ownerLedgerTable } from './sql';

export interface LedgerEntry {
  readonly entityType: string;
  readonly entityKey: string;
  readonly sourceSystem: string;
  readonly sourceRecordId: string;
  readonly sourceVersion: number;
  /** The event's offset on its partition: ties of one source version go to the later one. */
  readonly arrivalOrder: number;
  readonly correlationId: string;
  readonly payload: JsonValue;
}

/**
 * Inclusive bounds on the entity key (absent: open on that side), compared in the database's
 * key order, the order the ledger is paged in. An L3 run on part of a pair.
 */
export interface KeyScope {
  readonly fromKey?: string;
  readonly toKey?: string;
}

export interface LedgerRow extends LedgerEntry {
  readonly updatedAt: number;
}

interface Row {
  entity_type: string;
  entity_key: string;
  source_system: string;
  source_record_id: string;
  source_version: string;
  arrival_order: string;
  correlation_id: string;
  payload: JsonValue;
  updated_at: Date;
}

const toRow = (row: Row): LedgerRow => ({
  entityType: row.entity_type,
  entityKey: row.entity_key,
  sourceSystem: row.source_system,
  sourceRecordId: row.source_record_id,
  sourceVersion: Number(row.source_version),
  arrivalOrder: Number(row.arrival_order),
  correlationId: row.correlation_id,
  payload: row.payload,
  updatedAt: row.updated_at.getTime(),
});

/** The newest entry per (entity type, key) of a batch, by the stale-write rule. */
export function newestPerKey(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const newest = new Map<string, LedgerEntry>();
  for (const entry of entries) {
    const key = JSON.stringify([entry.entityType, entry.entityKey]);
    const held = newest.get(key);
    if (
      held === undefined ||
      !isStale(entry.sourceVersion, held.sourceVersion, entry.arrivalOrder, held.arrivalOrder)
    )
      newest.set(key, entry);
  }
  return [...newest.values()];
}

export class OwnerLedger {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.table = qualifiedTable(dataSource.options, ownerLedgerTable);
  }

  /** Records a batch for one receiver; returns how many keys moved forward. */
  async record(receiver: string, entries: readonly LedgerEntry[]): Promise<number> {
    const batch = newestPerKey(entries);
    if (batch.length === 0) return 0;
    const rows = batch.map((entry) => ({
      entity_type: entry.entityType,
      entity_key: entry.entityKey,
      source_system: entry.sourceSystem,
      source_record_id: entry.sourceRecordId,
      source_version: entry.sourceVersion,
      arrival_order: entry.arrivalOrder,
      correlation_id: entry.correlationId,
      payload: entry.payload,
    }));
    // The WHERE mirrors isStale: move forward on a newer version, or the same version arrived later.
    const moved = await this.dataSource.query<{ entity_key: string }[]>(
      `INSERT INTO ${this.table} AS l ("receiver", "entity_type", "entity_key", "source_system",
         "source_record_id", "source_version", "arrival_order", "correlation_id", "payload", "updated_at")
       SELECT $1, r.entity_type, r.entity_key, r.source_system, r.source_record_id,
         r.source_version, r.arrival_order, r.correlation_id, r.payload, $2
       FROM jsonb_to_recordset($3::jsonb) AS r(entity_type text, entity_key text,
         source_system text, source_record_id text, source_version bigint, arrival_order bigint,
         correlation_id text, payload jsonb)
       ON CONFLICT ("receiver", "entity_type", "entity_key") DO UPDATE SET
         "source_system" = excluded."source_system",
         "source_record_id" = excluded."source_record_id",
         "source_version" = excluded."source_version",
         "arrival_order" = excluded."arrival_order",
         "correlation_id" = excluded."correlation_id",
         "payload" = excluded."payload",
         "updated_at" = excluded."updated_at"
       WHERE (excluded."source_version", excluded."arrival_order") >= (l."source_version", l."arrival_order")
         AND excluded."correlation_id" <> l."correlation_id"
       RETURNING l."entity_key"`,
      [receiver, new Date(this.clock.now()), JSON.stringify(rows)],
    );
    return moved.length;
  }

  /**
   * One page of a receiver's entity type, in key order, after `afterKey`, within `scope`
   * (bounds on the primary key's last column: an index range scan).
   */
  async page(
    receiver: string,
    entityType: string,
    afterKey: string,
    limit: number,
    scope: KeyScope = {},
  ): Promise<LedgerRow[]> {
    const params: unknown[] = [receiver, entityType, afterKey, limit];
    // Plain range conditions (no `$n IS NULL OR …`), so the bounds stay index conditions.
    const bound = (operator: '>=' | '<=', key: string | undefined): string => {
      if (key === undefined) return '';
      params.push(key);
      return ` AND "entity_key" ${operator} $${String(params.length)}`;
    };
    const within = bound('>=', scope.fromKey) + bound('<=', scope.toKey);
    const rows = await this.dataSource.query<Row[]>(
      `SELECT * FROM ${this.table}
       WHERE "receiver" = $1 AND "entity_type" = $2 AND "entity_key" > $3${within}
       ORDER BY "entity_key" LIMIT $4`,
      params,
    );
    return rows.map(toRow);
  }

  /** The owner state of these keys (absent: none recorded). */
  async entries(
    receiver: string,
    entityType: string,
    keys: readonly string[],
  ): Promise<Map<string, LedgerRow>> {
    if (keys.length === 0) return new Map();
    const rows = await this.dataSource.query<Row[]>(
      `SELECT * FROM ${this.table}
       WHERE "receiver" = $1 AND "entity_type" = $2 AND "entity_key" = ANY($3::text[])`,
      [receiver, entityType, keys],
    );
    return new Map(rows.map((row) => [row.entity_key, toRow(row)]));
  }

  /** Of these keys, the ones whose owner state moved at or after `since` (epoch ms). */
  async changedSince(
    receiver: string,
    entityType: string,
    keys: readonly string[],
    since: number,
  ): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.dataSource.query<{ entity_key: string }[]>(
      `SELECT "entity_key" FROM ${this.table}
       WHERE "receiver" = $1 AND "entity_type" = $2 AND "updated_at" >= $3
         AND "entity_key" = ANY($4::text[])`,
      [receiver, entityType, new Date(since), keys],
    );
    return new Set(rows.map((row) => row.entity_key));
  }
}
