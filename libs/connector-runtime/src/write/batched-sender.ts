/**
 * The runtime's writes publish a message or two each (outcome, retry, dead letter); with
 * several partitions and keys in flight, one produce request (acks=all) per write made the
 * round trips the connector's main cost. Sent through a ProduceBatcher, the messages of the
 * writes in flight at the same moment share one request.
 */
import { createProduceBatcher, type MessageSender, type ProduceBatcher } from '@hub/messaging';

/**
 * A MessageSender whose send resolves once every one of its messages is acknowledged, and
 * rejects (with the first failure) once all have settled if any failed: a caller never moves
 * on while part of its send is still in flight. Messages join the batcher together and in
 * order, so one send's messages, and one key's sends, keep their order.
 */
export function batchedSender(batcher: Pick<ProduceBatcher, 'publish'>): MessageSender {
  return {
    async send(messages) {
      const settled = await Promise.allSettled(messages.map((message) => batcher.publish(message)));
      const failed = settled.find((result) => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    },
  };
}

// The batcher's linger is a timer of at least 1 ms; measured on this machine (one send every
// 10 ms, acks=all) a 1 ms linger put a send's p50 at 2.1 ms against 0.9 ms for the producer's
// own send, while the end of the event loop's turn costs nothing: 0.9 ms. The writes that
// finish together (their completes answered by one statement) still share a request, and
// under load the next batch forms while one is in flight.
const endOfTurn = {
  setTimeout: (callback: () => void): unknown => setImmediate(callback),
  clearTimeout: (handle: unknown): void => {
    clearImmediate(handle as NodeJS.Immediate);
  },
};

/** The runtime's batcher: flushes what the current turn of the event loop published. */
export function createWriteBatcher(producer: MessageSender): ProduceBatcher {
  return createProduceBatcher(producer, { lingerMs: 0 }, endOfTurn);
}
