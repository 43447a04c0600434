/**
 * DLQ topic → dead_letter_items, one item per failed write (see dead-letter-ingest.ts): a
 * redelivered message changes nothing, a new dead letter for an unfinished item merges into
 * it; only a newly created item is announced. A Postgres failure throws, and the runner
 * retries the same message in place (nothing is skipped).
 */
import type { ConsumedMessage, RawHeaders } from '@hub/messaging';
import type { Logger } from '@hub/observability';
import type { IngestResult } from '../store/dead-letter-ingest';
import type { NewItem } from '../store/item-types';
import type { DlqValue } from './dlq-decoder';
import { itemFromDeadLetter, itemFromRawMessage, type DlqPosition } from './to-new-item';

export interface IngestionListener {
  /** A new item was stored (never awaited for anything slow: notifications are queued). */
  itemCreated(item: NewItem): void;
  /** A new dead letter went into an unfinished item of the same write (back to open). */
  itemMerged(): void;
}

export type Ingest = (item: NewItem, now: number) => Promise<IngestResult>;

export function deadLetterHandler(
  ingest: Ingest,
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
    const result = await ingest(item, now());
    if (result.kind === 'duplicate') return;
    const facts = {
      itemId: result.id,
      target: item.target,
      reason: item.reason,
      correlationId: item.correlationId,
    };
    if (result.kind === 'merged') {
      logger.info({ ...facts, addedAttempts: result.addedAttempts }, 'dead-lettered again');
      listener.itemMerged();
      return;
    }
    logger.info(facts, 'dead letter stored');
    listener.itemCreated(item);
  };
}

/** The runner hands the decoded value only; raw items keep the bytes the decoder saw. */
function rawValueOf(message: ConsumedMessage<DlqValue, RawHeaders>): Buffer | null {
  return message.value.kind === 'raw' ? message.value.bytes : null;
}
