/**
 * Delivery outcomes → items being retried (matched by correlation id and target). A
 * success ends the item; a failure puts it back to open with that attempt appended. Every
 * other outcome on the topic (the main flow's) matches nothing and is skipped.
 */
import { topics, valueSubject, type DeliveryOutcomeEvent } from '@hub/contracts';
import type {
  ConsumedMessage,
  MessageDecoder,
  RawHeaders,
  SchemaRegistrySerde,
} from '@hub/messaging';
import type { Logger } from '@hub/observability';
import type { ItemStore } from '../store/item-store';
import type { AttemptView } from '../store/item-types';

const SUCCESSES: readonly string[] = ['succeeded', 'duplicate', 'superseded'];

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
    const success = SUCCESSES.includes(outcome);
    const ids = await store.applyOutcome(
      { correlationId: event.correlationId, target, attempt },
      success ? 'resolved' : 'open',
      success ? null : failureAttempt(event),
      now(),
    );
    if (ids.length === 0) return;
    logger.info({ itemIds: ids, target, outcome, attempt }, 'retry outcome applied');
    onChange();
  };
}
