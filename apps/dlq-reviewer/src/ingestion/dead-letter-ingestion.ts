/**
 * DLQ topic → dead_letter_items. Idempotent by dedup key, so a redelivered message is one
 * item; only a newly created item is announced. A Postgres failure throws, and the runner
 * retries the same message in place (nothing is skipped).
 */
import type { ConsumedMessage, RawHeaders } from '@hub/messaging';
import type { Logger } from '@hub/observability';
import type { ItemStore } from '../store/item-store';
import type { NewItem } from '../store/item-types';
import type { DlqValue } from './dlq-decoder';
import { itemFromDeadLetter, itemFromRawMessage, type DlqPosition } from './to-new-item';

export interface IngestionListener {
  /** A new item was stored (never awaited for anything slow: notifications are queued). */
  itemCreated(item: NewItem): void;
}

export function deadLetterHandler(
  store: ItemStore,
  listener: IngestionListener,
  logger: Logger,
  now: () => number,
): (message: ConsumedMessage<DlqValue, RawHeaders>) => Promise<void> {
  return async (message) => {
    const position: DlqPosition = {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      key: message.key,
      timestamp: message.timestamp,
    };
    const decoded = message.value;
    const item =
      decoded.kind === 'dead-letter'
        ? itemFromDeadLetter(decoded.event, message.rawHeaders, position)
        : itemFromRawMessage(rawValueOf(message), message.rawHeaders, position, decoded, now());
    const { id, created } = await store.insert(item, now());
    if (!created) return;
    logger.info(
      { itemId: id, target: item.target, reason: item.reason, correlationId: item.correlationId },
      'dead letter stored',
    );
    listener.itemCreated(item);
  };
}

/** The runner hands the decoded value only; raw items keep the bytes the decoder saw. */
function rawValueOf(message: ConsumedMessage<DlqValue, RawHeaders>): Buffer | null {
  return message.value.kind === 'raw' ? message.value.bytes : null;
}
