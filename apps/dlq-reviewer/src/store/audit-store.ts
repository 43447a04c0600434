/** audit_log: every operator action (who, when, what, note), newest first. */
import type { DataSource, EntityManager } from 'typeorm';

export const auditActions = [
  'retry',
  'bulk-retry',
  'bulk-resolve',
  'bulk-discard',
  'resolve',
  'discard',
  'dead-lettered-again',
  // Target controls (src/controls): no item; the target and what changed are in details.
  'target-pause',
  'target-resume',
  'target-breaker',
  'target-pull-forward',
  'target-replay',
  // Reconciliation (src/drift): no item; the connector, pair, key or run, and the outcome in details.
  'drift-recheck',
  'drift-repair',
  'drift-ignore',
  'drift-reopen',
  'drift-approve',
  'drift-run',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Who acted: a name to read and a stable id (see Principal). */
export interface AuditActor {
  readonly name: string;
  readonly id: string;
}

export interface AuditEntry {
  readonly actor: string;
  readonly actorId: string;
  readonly action: AuditAction;
  readonly itemId: string | null;
  readonly note: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface StoredAuditEntry extends AuditEntry {
  readonly id: string;
  /** Epoch milliseconds. */
  readonly at: number;
}

export interface AuditFilter {
  readonly itemId?: string;
  readonly actor?: string;
  readonly action?: AuditAction;
  /** Entries older than this id (cursor). */
  readonly before?: string;
}

interface AuditRow {
  readonly id: string;
  readonly at: Date;
  readonly actor: string;
  readonly actor_id: string;
  readonly action: AuditAction;
  readonly item_id: string | null;
  readonly note: string | null;
  readonly details: Record<string, unknown>;
}

export class AuditStore {
  constructor(private readonly dataSource: DataSource) {}

  /** `db`: the action's transaction (the entry commits with the change it records), or none. */
  async record(
    entry: AuditEntry,
    now: number,
    db: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await db.query(
      `INSERT INTO "audit_log" ("at", "actor", "actor_id", "action", "item_id", "note", "details")
       VALUES (to_timestamp($1), $2, $3, $4, $5, $6, $7)`,
      [
        now / 1000,
        entry.actor,
        entry.actorId,
        entry.action,
        entry.itemId,
        entry.note,
        JSON.stringify(entry.details),
      ],
    );
  }

  async page(filter: AuditFilter, limit: number): Promise<StoredAuditEntry[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown): string => {
      params.push(value);
      return `$${String(params.length)}`;
    };
    if (filter.itemId !== undefined) conditions.push(`"item_id" = ${bind(filter.itemId)}::bigint`);
    if (filter.actor !== undefined) conditions.push(`"actor" = ${bind(filter.actor)}`);
    if (filter.action !== undefined) conditions.push(`"action" = ${bind(filter.action)}`);
    if (filter.before !== undefined) conditions.push(`"id" < ${bind(filter.before)}::bigint`);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT * FROM "audit_log" WHERE ${conditions.length === 0 ? 'TRUE' : conditions.join(' AND ')}
       ORDER BY "id" DESC LIMIT ${String(limit)}`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      at: row.at.getTime(),
      actor: row.actor,
      actorId: row.actor_id,
      action: row.action,
      itemId: row.item_id,
      note: row.note,
      details: row.details,
    }));
  }
}
