/**
 * redelivery_outbox: the Kafka messages of committed operator retries, waiting for the relay.
 * A row is written in the action's transaction (queueRedelivery), so the message exists
 * exactly when the item change and the audit row do. The relay takes rows in id order under
 * a transaction-level advisory lock, publishes them and deletes them in that same
 * transaction: one relay at a time per schema, and a crash before the commit leaves the rows
 * for the next round.
 */
import type { OutgoingMessage } from '@hub/messaging';
import type { DataSource, EntityManager } from 'typeorm';

/** What a committed retry publishes: a topic and key, the value bytes and text headers. */
export interface QueuedMessage {
  readonly topic: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

export interface OutboxRow {
  readonly id: string;
  readonly itemId: string;
  readonly retryId: string;
  readonly message: QueuedMessage;
}

export interface OutboxBacklog {
  readonly pending: number;
  /** Epoch milliseconds of the oldest row still waiting; null when none waits. */
  readonly oldestAt: number | null;
  /** Why the oldest row's last round failed, if one did. */
  readonly lastError: string | null;
}

interface SqlRow {
  readonly id: string;
  readonly item_id: string;
  readonly retry_id: string;
  readonly topic: string;
  readonly message_key: Buffer | null;
  readonly message_value: Buffer | null;
  readonly headers: Record<string, string>;
}

/** Turns a message into what the outbox stores; headers must be text (operator retries' are). */
export function toQueuedMessage(message: OutgoingMessage): QueuedMessage {
  if (message.partition !== undefined)
    throw new Error('An outbox message is partitioned by its key; a forced partition is refused');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (typeof value !== 'string')
      throw new Error(`Outbox header ${name} is binary; only text headers are stored`);
    headers[name] = value;
  }
  const { key } = message;
  return {
    topic: message.topic,
    key: key === null ? null : Buffer.isBuffer(key) ? key : Buffer.from(key),
    value: message.value,
    headers,
  };
}

/** Inside the caller's transaction: the row commits or rolls back with the item change. */
export async function queueRedelivery(
  db: EntityManager,
  entry: { readonly itemId: string; readonly retryId: string; readonly message: QueuedMessage },
  now: number,
): Promise<string> {
  const { message } = entry;
  const rows: { id: string }[] = await db.query(
    `INSERT INTO "redelivery_outbox"
       ("queued_at", "item_id", "retry_id", "topic", "message_key", "message_value", "headers")
     VALUES (to_timestamp($1), $2, $3, $4, $5, $6, $7) RETURNING "id"`,
    [
      now / 1000,
      entry.itemId,
      entry.retryId,
      message.topic,
      message.key,
      message.value,
      JSON.stringify(message.headers),
    ],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('redelivery_outbox insert returned no id');
  return id;
}

export type RelayRound =
  { readonly kind: 'busy' } | { readonly kind: 'sent'; readonly rows: readonly OutboxRow[] };

export class RedeliveryOutbox {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One relay round: unless another replica's relay holds the schema's lock, the oldest
   * `limit` rows are handed to `publish` and deleted once it resolves, all in one
   * transaction. If `publish` throws, nothing is deleted and the failure is noted on the rows.
   */
  async relay(
    limit: number,
    publish: (rows: readonly OutboxRow[]) => Promise<void>,
  ): Promise<RelayRound> {
    let taken: OutboxRow[] = [];
    try {
      return await this.dataSource.transaction(async (manager): Promise<RelayRound> => {
        const locks: { locked: boolean }[] = await manager.query(
          `SELECT pg_try_advisory_xact_lock(hashtext('dlq-reviewer redelivery relay ' || current_schema())) AS "locked"`,
        );
        if (locks[0]?.locked !== true) return { kind: 'busy' };
        const rows: SqlRow[] = await manager.query(
          `SELECT "id", "item_id", "retry_id", "topic", "message_key", "message_value", "headers"
             FROM "redelivery_outbox" ORDER BY "id" LIMIT $1`,
          [limit],
        );
        taken = rows.map(toOutboxRow);
        if (taken.length === 0) return { kind: 'sent', rows: taken };
        await publish(taken);
        await manager.query(`DELETE FROM "redelivery_outbox" WHERE "id" = ANY($1::bigint[])`, [
          taken.map((row) => row.id),
        ]);
        return { kind: 'sent', rows: taken };
      });
    } catch (error) {
      await this.noteFailure(taken, error);
      throw error;
    }
  }

  async backlog(): Promise<OutboxBacklog> {
    const rows: { pending: string; oldest: Date | null; last_error: string | null }[] =
      await this.dataSource.query(
        `SELECT count(*) AS "pending", min("queued_at") AS "oldest",
           (SELECT "last_error" FROM "redelivery_outbox" ORDER BY "id" LIMIT 1) AS "last_error"
         FROM "redelivery_outbox"`,
      );
    const row = rows[0];
    return {
      pending: Number(row?.pending ?? 0),
      oldestAt: row?.oldest?.getTime() ?? null,
      lastError: row?.last_error ?? null,
    };
  }

  /** Best effort, outside the rolled-back transaction: what the backlog shows operators. */
  private async noteFailure(rows: readonly OutboxRow[], error: unknown): Promise<void> {
    if (rows.length === 0) return;
    const reason = error instanceof Error ? error.message : String(error);
    await this.dataSource
      .query(
        `UPDATE "redelivery_outbox" SET "failed_rounds" = "failed_rounds" + 1, "last_error" = $2
         WHERE "id" = ANY($1::bigint[])`,
        [rows.map((row) => row.id), reason.slice(0, 2_000)],
      )
      .catch(() => undefined);
  }
}

function toOutboxRow(row: SqlRow): OutboxRow {
  return {
    id: row.id,
    itemId: row.item_id,
    retryId: row.retry_id,
    message: {
      topic: row.topic,
      key: row.message_key,
      value: row.message_value,
      headers: row.headers,
    },
  };
}
