/**
 * The runtime's writes publish a message or two each (outcome, retry, dead letter); with
 * several partitions and keys in flight, one produce request (acks=all) per write made the
 * round trips the connector's main cost. Sent through a ProduceBatcher, the messages of the
 * writes in flight at the same moment share one request.
 */
import type { MessageSender, ProduceBatcher } from '@hub/messaging';

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
