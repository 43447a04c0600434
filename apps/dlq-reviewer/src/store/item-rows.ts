/** Postgres rows of dead_letter_items ⇄ StoredItem. bigint arrives as text, timestamps as Date. */
import type { AttemptView, ItemStatus, NewItem, StoredItem } from './item-types';

export interface ItemRow {
  readonly id: string;
  readonly dedup_key: string;
  readonly status: ItemStatus;
  readonly reason: string;
  readonly target: string | null;
  readonly entity_type: string | null;
  readonly entity_key: string | null;
  readonly correlation_id: string | null;
  readonly source_system: string | null;
  readonly source_version: string | null;
  readonly dead_letter_event_id: string | null;
  readonly original_topic: string | null;
  readonly original_partition: number | null;
  readonly original_offset: string | null;
  readonly original_event_id: string | null;
  readonly original_value: Buffer | null;
  readonly original_headers: Record<string, string>;
  readonly message_key: string | null;
  readonly dlq_headers: Record<string, string>;
  readonly attempts: AttemptView[];
  readonly error_class: string | null;
  readonly error_code: string | null;
  readonly error_message: string;
  readonly first_failure_at: Date | null;
  readonly last_failure_at: Date | null;
  readonly dead_lettered_at: Date;
  readonly retry_attempt: number | null;
  readonly retried_at: Date | null;
  readonly created_at: Date;
  readonly updated_at: Date;
  readonly position: string;
}

/** Every column, plus the exact keyset position (microseconds survive as text). */
export const ITEM_COLUMNS = `*, to_char("dead_lettered_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "position"`;

const millis = (date: Date | null): number | null => (date === null ? null : date.getTime());
const numberOrNull = (text: string | null): number | null => (text === null ? null : Number(text));

export function toStoredItem(row: ItemRow): StoredItem {
  return {
    id: row.id,
    dedupKey: row.dedup_key,
    status: row.status,
    reason: row.reason,
    target: row.target,
    entityType: row.entity_type,
    entityKey: row.entity_key,
    correlationId: row.correlation_id,
    sourceSystem: row.source_system,
    sourceVersion: numberOrNull(row.source_version),
    deadLetterEventId: row.dead_letter_event_id,
    originalTopic: row.original_topic,
    originalPartition: row.original_partition,
    originalOffset: numberOrNull(row.original_offset),
    originalEventId: row.original_event_id,
    originalValue: row.original_value,
    originalHeaders: row.original_headers,
    messageKey: row.message_key,
    dlqHeaders: row.dlq_headers,
    attempts: row.attempts,
    errorClass: row.error_class,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    firstFailureAt: millis(row.first_failure_at),
    lastFailureAt: millis(row.last_failure_at),
    deadLetteredAt: row.dead_lettered_at.getTime(),
    retryAttempt: row.retry_attempt,
    retriedAt: millis(row.retried_at),
    createdAt: row.created_at.getTime(),
    updatedAt: row.updated_at.getTime(),
    position: row.position,
  };
}

/** INSERT column list and values for a new item (status open), timestamps as epoch ms → timestamptz. */
export function insertValues(item: NewItem, now: number): unknown[] {
  const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);
  return [
    item.dedupKey,
    item.reason,
    item.target,
    item.entityType,
    item.entityKey,
    item.correlationId,
    item.sourceSystem,
    item.sourceVersion,
    item.deadLetterEventId,
    item.originalTopic,
    item.originalPartition,
    item.originalOffset,
    item.originalEventId,
    item.originalValue,
    JSON.stringify(item.originalHeaders),
    item.messageKey,
    JSON.stringify(item.dlqHeaders),
    JSON.stringify(item.attempts),
    item.errorClass,
    item.errorCode,
    item.errorMessage,
    seconds(item.firstFailureAt),
    seconds(item.lastFailureAt),
    seconds(item.deadLetteredAt),
    seconds(now),
  ];
}
