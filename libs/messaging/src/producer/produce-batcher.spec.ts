import { createProduceBatcher } from './produce-batcher';
import type { MessageSender, OutgoingMessage } from './outgoing-message';

const message = (n: number): OutgoingMessage => ({
  topic: 't',
  key: `k${n % 3}`,
  value: Buffer.from(String(n)),
});
const values = (batch: readonly OutgoingMessage[]): string[] =>
  batch.map((m) => m.value?.toString() ?? '');

/** A sender whose requests the test completes by hand, recording each batch. */
function manualSender(): MessageSender & {
  batches: OutgoingMessage[][];
  settle(index: number, error?: Error): void;
} {
  const settlers: ((error?: Error) => void)[] = [];
  const batches: OutgoingMessage[][] = [];
  return {
    batches,
    send(messages) {
      batches.push([...messages]);
      return new Promise<void>((resolve, reject) => {
        settlers.push((error) => {
          if (error) reject(error);
          else resolve();
        });
      });
    },
    settle(index, error) {
      settlers[index]?.(error);
    },
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createProduceBatcher', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('sends a full batch at once, without waiting for the linger', () => {
    const sender = manualSender();
    const batcher = createProduceBatcher(sender, { maxMessages: 3, lingerMs: 1_000 });
    for (const n of [1, 2, 3]) void batcher.publish(message(n));
    expect(sender.batches.map(values)).toEqual([['1', '2', '3']]);
  });

  it('sends a partial batch after the linger, in one request', () => {
    const sender = manualSender();
    const batcher = createProduceBatcher(sender, { maxMessages: 10, lingerMs: 20 });
    void batcher.publish(message(1));
    void batcher.publish(message(2));
    jest.advanceTimersByTime(19);
    expect(sender.batches).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(sender.batches.map(values)).toEqual([['1', '2']]);
  });

  it('resolves each caller when its batch is acknowledged, and rejects only the failed batch', async () => {
    const sender = manualSender();
    const batcher = createProduceBatcher(sender, { maxMessages: 2, lingerMs: 5 });
    const outcomes = [1, 2, 3, 4].map((n) =>
      batcher.publish(message(n)).then(
        () => 'acked',
        (error: unknown) => (error instanceof Error ? error.message : 'rejected'),
      ),
    );
    sender.settle(0, new Error('broker said no'));
    await tick();
    sender.settle(1);
    expect(await Promise.all(outcomes)).toEqual([
      'broker said no',
      'broker said no',
      'acked',
      'acked',
    ]);
  });

  it('keeps one request in flight and sends what queued meanwhile as soon as it returns', async () => {
    const sender = manualSender();
    const batcher = createProduceBatcher(sender, { maxMessages: 100, lingerMs: 5 });
    void batcher.publish(message(1));
    jest.advanceTimersByTime(5);
    for (const n of [2, 3, 4]) void batcher.publish(message(n));
    jest.advanceTimersByTime(50);
    expect(sender.batches).toHaveLength(1);
    sender.settle(0);
    await tick();
    expect(sender.batches.map(values)).toEqual([['1'], ['2', '3', '4']]);
  });

  it('splits a large backlog into batches of at most maxMessages, in publish order', async () => {
    const sender = manualSender();
    const batcher = createProduceBatcher(sender, { maxMessages: 2, lingerMs: 5 });
    const all = [1, 2, 3, 4, 5].map((n) => batcher.publish(message(n)));
    const flushed = batcher.flush();
    for (let index = 0; index < 3; index++) {
      sender.settle(index);
      await tick();
    }
    await flushed;
    await Promise.all(all);
    expect(sender.batches.map(values)).toEqual([['1', '2'], ['3', '4'], ['5']]);
  });

  it('also cuts batches by size, so no request exceeds maxBytes unless one message alone does', async () => {
    const sender = manualSender();
    const batcher = createProduceBatcher(sender, {
      maxMessages: 100,
      maxBytes: 1_000,
      lingerMs: 5,
    });
    const big = (n: number): OutgoingMessage => ({
      topic: 't',
      key: null,
      value: Buffer.alloc(n === 3 ? 2_000 : 300, n),
    });
    const all = [1, 2, 3, 4].map((n) => batcher.publish(big(n)));
    const flushed = batcher.flush();
    for (let index = 0; index < 3; index++) {
      sender.settle(index);
      await tick();
    }
    await flushed;
    await Promise.all(all);
    expect(sender.batches.map((batch) => batch.map((m) => m.value?.[0]))).toEqual([
      [1, 2],
      [3],
      [4],
    ]);
  });

  it('refuses publishes after close, once the queue is flushed', async () => {
    const sender = manualSender();
    const batcher = createProduceBatcher(sender, { maxMessages: 10, lingerMs: 1_000 });
    const first = batcher.publish(message(1));
    const closing = batcher.close();
    sender.settle(0);
    await closing;
    await expect(first).resolves.toBeUndefined();
    await expect(batcher.publish(message(2))).rejects.toMatchObject({
      code: 'PRODUCER_CLOSED',
      retriable: false,
    });
  });
});
