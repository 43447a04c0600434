import { MessagingError } from '../errors/messaging-error';
import type { MessageSender, OutgoingMessage } from './outgoing-message';

export interface ProduceBatcherOptions {
  /** Most messages in one produce request (default 500). */
  readonly maxMessages?: number;
  /**
   * Most bytes (keys, values, headers) in one produce request (default 900 000): below the
   * broker's default message.max.bytes of 1 MiB, which a partition's batch must not exceed.
   */
  readonly maxBytes?: number;
  /** How long an idle batcher waits for more messages before sending (default 5 ms). */
  readonly lingerMs?: number;
}

export interface ProduceBatcher {
  /** Resolves when this message is acknowledged (acks=all); rejects if its batch failed. */
  publish(message: OutgoingMessage): Promise<void>;
  /** Sends everything queued now and waits for the outcome. */
  flush(): Promise<void>;
  /** Refuses new messages, then flushes. */
  close(): Promise<void>;
}

export interface BatcherTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

interface Pending {
  readonly message: OutgoingMessage;
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

// Record overhead (lengths, offsets, attributes) is a few dozen bytes at most.
const RECORD_OVERHEAD_BYTES = 32;

function approximateBytes(message: OutgoingMessage): number {
  let bytes = RECORD_OVERHEAD_BYTES + (message.key?.length ?? 0) + (message.value?.length ?? 0);
  for (const [name, value] of Object.entries(message.headers ?? {}))
    bytes += name.length + value.length;
  return bytes;
}

const realTimers: BatcherTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

/**
 * kafkajs sends one request per send() call; this collects single publishes into batches:
 * up to `maxMessages` (or `maxBytes`), or whatever arrived within `lingerMs` of an idle batcher, one
 * produce request per flush. Flushes run one at a time in publish order, so messages of
 * one key keep their order; while one is in flight the next batch accumulates and goes
 * as soon as it returns. A failed flush rejects exactly the promises of its own messages.
 */
export function createProduceBatcher(
  sender: MessageSender,
  options: ProduceBatcherOptions = {},
  timers = realTimers,
): ProduceBatcher {
  const maxMessages = options.maxMessages ?? 500;
  const maxBytes = options.maxBytes ?? 900_000;
  const lingerMs = options.lingerMs ?? 5;
  if (!Number.isInteger(maxMessages) || maxMessages < 1)
    throw new RangeError('maxMessages must be a positive integer');
  const pending: Pending[] = [];
  let pendingBytes = 0;
  let timer: unknown;
  let due = false;
  let inFlight: Promise<void> | undefined;
  let closed = false;

  // At least one message, however large: the broker, not the batcher, decides it is too big.
  const batchLength = (): number => {
    let bytes = 0;
    for (let length = 0; length < Math.min(pending.length, maxMessages); length++) {
      bytes += pending[length]?.bytes ?? 0;
      if (bytes > maxBytes) return Math.max(length, 1);
    }
    return Math.min(pending.length, maxMessages);
  };

  const pump = (): void => {
    if (inFlight !== undefined || !due || pending.length === 0) return;
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    const batch = pending.splice(0, batchLength());
    for (const entry of batch) pendingBytes -= entry.bytes;
    due = false;
    inFlight = sender
      .send(batch.map((entry) => entry.message))
      .then(
        () => {
          for (const entry of batch) entry.resolve();
        },
        (error: unknown) => {
          for (const entry of batch) entry.reject(error);
        },
      )
      .finally(() => {
        inFlight = undefined;
        // What queued up during the flight has waited long enough: send it now.
        due = pending.length > 0;
        pump();
      });
  };

  const schedule = (): void => {
    if (pending.length >= maxMessages || pendingBytes >= maxBytes) due = true;
    else if (timer === undefined && inFlight === undefined) {
      timer = timers.setTimeout(() => {
        timer = undefined;
        due = true;
        pump();
      }, lingerMs);
    }
    pump();
  };

  const flush = async (): Promise<void> => {
    while (pending.length > 0 || inFlight !== undefined) {
      due = true;
      pump();
      await inFlight;
    }
  };

  return {
    publish(message) {
      if (closed)
        return Promise.reject(new MessagingError('PRODUCER_CLOSED', 'Batcher is closed', false));
      return new Promise<void>((resolve, reject) => {
        const bytes = approximateBytes(message);
        pending.push({ message, bytes, resolve, reject });
        pendingBytes += bytes;
        schedule();
      });
    },
    flush,
    async close() {
      closed = true;
      await flush();
    },
  };
}
