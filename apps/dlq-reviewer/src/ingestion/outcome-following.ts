/**
 * Delivery outcomes → items being retried (matched by correlation id and target). A
 * success ends the item; a failure puts it back to open with that attempt appended. Every
 * other outcome on the topic (the main flow's) matches nothing and is skipped: a slice of
 * the topic costs one indexed lookup, and only outcomes of items being retried cost more.
 */
import {
  topics,
  valueSubject,
  type DeliveryOutcomeEvent,
  type DeliveryOutcomeKind,
} from '@hub/contracts';
import type {
  BatchHandler,
  ConsumedMessage,
  MessageDecoder,
  RawHeaders,
  SchemaRegistrySerde,
} from '@hub/messaging';
import type { Logger } from '@hub/observability';
import type { DataSource } from 'typeorm';
import type { ItemStore } from '../store/item-store';
import type { AttemptView } from '../store/item-types';

/**
 * What each kind does to an item being retried. Every kind is named, so a new one must
 * choose: the item is done when the redelivery was written, had been, was overtaken, or
 * (`no_change`, a change request proposing the owner's current value) had nothing to write.
 */
const ITEM_STATUS_AFTER: Readonly<Record<DeliveryOutcomeKind, 'resolved' | 'open'>> = {
  succeeded: 'resolved',
  duplicate: 'resolved',
  superseded: 'resolved',
  no_change: 'resolved',
  failed_transient: 'open',
  failed_permanent: 'open',
  dead_lettered: 'open',
};

export function outcomeDecoder(
  serde: SchemaRegistrySerde,
): MessageDecoder<DeliveryOutcomeEvent, RawHeaders> {
  return {
    // Outcome messages carry only a few hub headers; the value has everything needed.
    headers: (raw) => raw,
    async value(bytes) {
      return (await serde.decode(bytes, {
        as: valueSubject(topics.deliveryOutcome),
      })) as DeliveryOutcomeEvent;
    },
  };
}

export function failureAttempt(event: DeliveryOutcomeEvent): AttemptView {
  const { failure, outcome, attempt } = event.payload;
  return {
    attempt,
    at: event.publishedAt,
    errorClass: failure?.errorClass ?? null,
    code: failure?.code ?? null,
    message: failure?.message ?? `delivery outcome ${outcome}`,
    httpStatus: failure?.httpStatus ?? null,
    via: 'retry',
  };
}

export function outcomeHandler(
  store: ItemStore,
  onChange: () => void,
  logger: Logger,
  now: () => number,
): (message: ConsumedMessage<DeliveryOutcomeEvent, RawHeaders>) => Promise<void> {
  return async ({ value: event }) => {
    const { target, outcome, attempt } = event.payload;
    const status = ITEM_STATUS_AFTER[outcome];
    const ids = await store.applyOutcome(
      { correlationId: event.correlationId, target, attempt },
      status,
      status === 'resolved' ? null : failureAttempt(event),
      now(),
    );
    if (ids.length === 0) return;
    logger.info({ itemIds: ids, target, outcome, attempt }, 'retry outcome applied');
    onChange();
  };
}

interface WriteRef {
  readonly correlationId: string;
  readonly target: string;
}

/** Which of these writes have an item being retried (as keys of writeKey). */
export type RetryingLookup = (writes: readonly WriteRef[]) => Promise<ReadonlySet<string>>;

const writeKey = (write: WriteRef): string => JSON.stringify([write.correlationId, write.target]);

const writeOf = (event: DeliveryOutcomeEvent): WriteRef => ({
  correlationId: event.correlationId,
  target: event.payload.target,
});

/** One query for a whole slice, on the partial index of items being retried. */
export function retryingItems(dataSource: DataSource): RetryingLookup {
  return async (writes) => {
    if (writes.length === 0) return new Set();
    const rows: { correlation_id: string; target: string }[] = await dataSource.query(
      `SELECT DISTINCT "correlation_id", "target" FROM "dead_letter_items"
        WHERE "status" = 'retrying'
          AND ("correlation_id", "target") IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [writes.map((write) => write.correlationId), writes.map((write) => write.target)],
    );
    return new Set(
      rows.map((row) => writeKey({ correlationId: row.correlation_id, target: row.target })),
    );
  };
}

/**
 * A slice of outcomes: the writes with an item being retried are looked up at once, and
 * only their outcomes are applied, one by one in offset order. An item is marked retrying
 * before its redelivery is sent, so no outcome of that redelivery can precede the lookup;
 * each update checks the status again, so a slice handled twice changes nothing twice.
 */
export function outcomeBatchHandler(
  store: ItemStore,
  retrying: RetryingLookup,
  onChange: () => void,
  logger: Logger,
  now: () => number,
): BatchHandler<DeliveryOutcomeEvent, RawHeaders> {
  const one = outcomeHandler(store, onChange, logger, now);
  return async (messages) => {
    const found = await retrying(messages.map((message) => writeOf(message.value)));
    for (const message of messages)
      if (found.has(writeKey(writeOf(message.value)))) await one(message);
  };
}
