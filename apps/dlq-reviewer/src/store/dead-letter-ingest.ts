/**
 * Stores one dead letter, one item per failed write: a redelivered dead letter (its id is
 * in `ingested_dead_letters`) changes nothing; a dead letter for a write whose item is
 * still open or retrying (same correlation id and target) merges into that item and sends
 * it back to open; anything else becomes a new open item. One transaction, the unfinished
 * item locked, so a merge and an operator action cannot interleave.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { insertValues } from './item-rows';
import type { AttemptView, NewItem } from './item-types';
import { mergeAttempts } from './merge-attempts';

export type IngestResult =
  | { readonly kind: 'created'; readonly id: string }
  | { readonly kind: 'merged'; readonly id: string; readonly addedAttempts: number }
  | { readonly kind: 'duplicate'; readonly id: string };

export const SYSTEM_ACTOR = 'system';

export async function ingestDeadLetter(
  dataSource: DataSource,
  item: NewItem,
  now: number,
): Promise<IngestResult> {
  return dataSource.transaction(async (manager) => {
    const known: { item_id: string }[] = await manager.query(
      `SELECT "item_id" FROM "ingested_dead_letters" WHERE "event_id" = $1`,
      [item.dedupKey],
    );
    const knownId = known[0]?.item_id;
    if (knownId !== undefined) return { kind: 'duplicate', id: knownId };
    const unfinished = await lockUnfinishedItem(manager, item);
    const result: IngestResult =
      unfinished === undefined
        ? await insertItem(manager, item, now)
        : await mergeInto(manager, unfinished, item, now);
    await manager.query(
      `INSERT INTO "ingested_dead_letters" ("event_id", "item_id", "ingested_at")
       VALUES ($1, $2, to_timestamp($3)) ON CONFLICT ("event_id") DO NOTHING`,
      [item.dedupKey, result.id, now / 1000],
    );
    return result;
  });
}

interface UnfinishedRow {
  readonly id: string;
  readonly status: string;
  readonly attempts: AttemptView[];
}

async function lockUnfinishedItem(
  manager: EntityManager,
  item: NewItem,
): Promise<UnfinishedRow | undefined> {
  // Raw items have no target: they cannot be matched to a write.
  if (item.correlationId === null || item.target === null) return undefined;
  const rows: UnfinishedRow[] = await manager.query(
    `SELECT "id", "status", "attempts" FROM "dead_letter_items"
     WHERE "correlation_id" = $1 AND "target" = $2 AND "status" IN ('open', 'retrying')
     ORDER BY "id" DESC LIMIT 1 FOR UPDATE`,
    [item.correlationId, item.target],
  );
  return rows[0];
}

async function insertItem(
  manager: EntityManager,
  item: NewItem,
  now: number,
): Promise<IngestResult> {
  const values = insertValues(item, now);
  const placeholders = values.map((_value, index) => {
    const n = `$${String(index + 1)}`;
    return index >= 21 ? `to_timestamp(${n})` : n;
  });
  // dedup_key stays unique: a dead letter ingested before the merge table existed is there.
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO "dead_letter_items" ("dedup_key", "reason", "target", "entity_type", "entity_key",
       "correlation_id", "source_system", "source_version", "dead_letter_event_id", "original_topic",
       "original_partition", "original_offset", "original_event_id", "original_value", "original_headers",
       "message_key", "dlq_headers", "attempts", "error_class", "error_code", "error_message",
       "first_failure_at", "last_failure_at", "dead_lettered_at", "created_at", "updated_at", "status")
     VALUES (${placeholders.join(', ')}, to_timestamp($25), 'open')
     ON CONFLICT ("dedup_key") DO UPDATE SET "dedup_key" = EXCLUDED."dedup_key" RETURNING "id"`,
    values,
  );
  return { kind: 'created', id: rows[0]?.id ?? '' };
}

async function mergeInto(
  manager: EntityManager,
  existing: UnfinishedRow,
  item: NewItem,
  now: number,
): Promise<IngestResult> {
  const attempts = mergeAttempts(existing.attempts, item.attempts);
  const last = attempts.at(-1);
  await manager.query(
    `UPDATE "dead_letter_items" SET "status" = 'open', "reason" = $2, "attempts" = $3::jsonb,
       "dead_letter_event_id" = $4, "error_class" = $5, "error_code" = $6, "error_message" = $7,
       "last_failure_at" = GREATEST("last_failure_at", to_timestamp($8)),
       "dlq_headers" = $9::jsonb, "updated_at" = to_timestamp($10)
     WHERE "id" = $1`,
    [
      existing.id,
      item.reason,
      JSON.stringify(attempts),
      item.deadLetterEventId,
      last?.errorClass ?? item.errorClass,
      last?.code ?? item.errorCode,
      last?.message ?? item.errorMessage,
      (last?.at ?? item.lastFailureAt ?? now) / 1000,
      JSON.stringify(item.dlqHeaders),
      now / 1000,
    ],
  );
  const addedAttempts = attempts.length - existing.attempts.length;
  await manager.query(
    `INSERT INTO "audit_log" ("at", "actor", "actor_id", "action", "item_id", "note", "details")
     VALUES (to_timestamp($1), $2, $2, 'dead-lettered-again', $3, NULL, $4)`,
    [
      now / 1000,
      SYSTEM_ACTOR,
      existing.id,
      JSON.stringify({
        deadLetterEventId: item.deadLetterEventId,
        reason: item.reason,
        previousStatus: existing.status,
        addedAttempts,
      }),
    ],
  );
  return { kind: 'merged', id: existing.id, addedAttempts };
}
