import { createProduceBatcher, type MessageSender, type OutgoingMessage } from '@hub/messaging';
import { batchedSender, createWriteBatcher } from './batched-sender';

const message = (topic: string, n: number): OutgoingMessage => ({
  topic,
  key: `k${n}`,
  value: Buffer.from(String(n)),
});

interface Request {
  readonly messages: readonly OutgoingMessage[];
  readonly ack: () => void;
  readonly fail: (error: Error) => void;
}

/** A producer whose requests the test acknowledges (or fails) by hand. */
class ManualProducer implements MessageSender {
  readonly requests: Request[] = [];

  send(messages: readonly OutgoingMessage[]): Promise<void> {
    return new Promise<void>((ack, fail) => this.requests.push({ messages, ack, fail }));
  }

  sizes(): number[] {
    return this.requests.map((request) => request.messages.length);
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Observes a promise without awaiting it. */
function watch(promise: Promise<void>): { state: () => 'pending' | 'resolved' | 'rejected' } {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  promise.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  return { state: () => state };
}

describe('batchedSender', () => {
  it("sends the messages of concurrent sends in fewer produce requests than sends, each one's messages together and in order", async () => {
    const producer = new ManualProducer();
    const sender = batchedSender(createProduceBatcher(producer, { lingerMs: 0 }));
    const sends = Array.from({ length: 8 }, (_, n) =>
      watch(sender.send([message('retry', n), message('outcome', n)])),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(producer.requests).toHaveLength(1);
    expect(
      producer.requests[0]?.messages.map((m) => `${m.topic}:${m.value?.toString() ?? ''}`),
    ).toEqual(Array.from({ length: 8 }, (_, n) => [`retry:${n}`, `outcome:${n}`]).flat());
    expect(sends.map((send) => send.state())).toEqual(Array(8).fill('pending'));
    producer.requests[0]?.ack();
    await tick();
    expect(sends.map((send) => send.state())).toEqual(Array(8).fill('resolved'));
  });

  it('resolves a send only after the request holding its last message is acknowledged', async () => {
    const producer = new ManualProducer();
    // Two messages per request: the send's second message waits for the next request.
    const sender = batchedSender(createProduceBatcher(producer, { maxMessages: 2, lingerMs: 0 }));
    const first = watch(sender.send([message('outcome', 1)]));
    const second = watch(sender.send([message('retry', 2), message('outcome', 2)]));
    await tick();
    expect(producer.sizes()).toEqual([2]);
    producer.requests[0]?.ack();
    await tick();
    expect(first.state()).toBe('resolved');
    expect(second.state()).toBe('pending');
    expect(producer.sizes()).toEqual([2, 1]);
    producer.requests[1]?.ack();
    await tick();
    expect(second.state()).toBe('resolved');
  });

  it("rejects exactly the sends whose messages were in a failed request, after all of a send's messages settled", async () => {
    const producer = new ManualProducer();
    const sender = batchedSender(createProduceBatcher(producer, { maxMessages: 2, lingerMs: 0 }));
    const first = sender.send([message('outcome', 1)]);
    const second = sender.send([message('retry', 2), message('outcome', 2)]);
    const third = watch(sender.send([message('outcome', 3)]));
    const secondState = watch(second);
    await tick();
    producer.requests[0]?.fail(new Error('PRODUCE_FAILED'));
    await expect(first).rejects.toThrow('PRODUCE_FAILED');
    // Its second message is still in flight: the send does not answer yet.
    await tick();
    expect(secondState.state()).toBe('pending');
    producer.requests[1]?.ack();
    await expect(second).rejects.toThrow('PRODUCE_FAILED');
    expect(third.state()).toBe('resolved');
  });

  it('sends what one turn of the event loop published in one request, without waiting for a timer', async () => {
    const producer = new ManualProducer();
    const sender = batchedSender(createWriteBatcher(producer));
    const sends = [1, 2, 3].map((n) => watch(sender.send([message('outcome', n)])));
    await tick();
    expect(producer.sizes()).toEqual([3]);
    producer.requests[0]?.ack();
    await tick();
    expect(sends.map((send) => send.state())).toEqual(['resolved', 'resolved', 'resolved']);
  });
});
