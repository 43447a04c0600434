/** The JSON the API answers with (times as ISO 8601 UTC), shared by the console. */
import { hubHeaderNames } from '@hub/messaging';
import { traceIdOf } from '@hub/observability';
import type { AppliedVersionView } from '../store/applied-version-reader';
import type { StoredAuditEntry } from '../store/audit-store';
import type { AttemptView, StoredItem } from '../store/item-types';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function itemSummary(item: StoredItem) {
  return {
    id: item.id,
    status: item.status,
    reason: item.reason,
    target: item.target,
    entityType: item.entityType,
    entityKey: item.entityKey,
    correlationId: item.correlationId,
    errorClass: item.errorClass,
    errorCode: item.errorCode,
    errorMessage: item.errorMessage,
    attemptCount: item.attempts.length,
    firstFailureAt: iso(item.firstFailureAt),
    lastFailureAt: iso(item.lastFailureAt),
    deadLetteredAt: iso(item.deadLetteredAt),
    updatedAt: iso(item.updatedAt),
  };
}

export type ItemSummary = ReturnType<typeof itemSummary>;

export interface DecodedOriginal {
  readonly event: unknown;
  readonly decodeError: string | null;
}

function attemptView(attempt: AttemptView) {
  return { ...attempt, at: iso(attempt.at) };
}

export function itemDetail(
  item: StoredItem,
  original: DecodedOriginal,
  currentView: AppliedVersionView | null,
  audit: readonly StoredAuditEntry[],
) {
  return {
    ...itemSummary(item),
    sourceSystem: item.sourceSystem,
    sourceVersion: item.sourceVersion,
    deadLetterEventId: item.deadLetterEventId,
    // The event's trace (issue #21): the failed message's traceparent, which a retry carries on.
    traceId: traceIdOf(item.originalHeaders[hubHeaderNames.traceparent]) ?? null,
    original: {
      topic: item.originalTopic,
      partition: item.originalPartition,
      offset: item.originalOffset,
      eventId: item.originalEventId,
      key: item.messageKey,
      headers: item.originalHeaders,
      event: original.event,
      decodeError: original.decodeError,
      valueBase64:
        original.event === null ? (item.originalValue?.toString('base64') ?? null) : null,
    },
    dlqHeaders: item.dlqHeaders,
    attempts: item.attempts.map(attemptView),
    retry: { awaitedAttempt: item.retryAttempt, retriedAt: iso(item.retriedAt) },
    currentView:
      currentView === null
        ? null
        : {
            sourceVersion: currentView.sourceVersion,
            correlationId: currentView.correlationId,
            appliedAt: iso(currentView.appliedAt),
          },
    audit: audit.map((entry) => ({ ...entry, at: iso(entry.at) })),
  };
}

export type ItemDetail = ReturnType<typeof itemDetail>;

/** Avro values as JSON: bytes as base64, longs beyond 2^53 as text. */
export function jsonSafe(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return { base64: value.toString('base64') };
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, jsonSafe(inner)]));
  return value;
}
