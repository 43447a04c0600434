import { consumeUntil, testTopics, uniqueName } from '@hub/testing';
import {
  committedOffsets,
  endOffsets,
  eventually,
  produceAll,
  testClient,
} from '../testing/messaging-fixtures';
import { createConsumerRunner } from './consumer-runner';

/** Text values; "bad" is undecodable (not retriable), so it goes to the DLQ. */
const strictDecoder = {
  headers: (raw: Readonly<Record<string, string>>): Readonly<Record<string, string>> => raw,
  value: (bytes: Buffer | null): string => {
    const text = bytes?.toString('utf8') ?? '';
    if (text === 'bad') throw new Error('not a number');
    return text;
  },
};

describe('consumer runner: a handler per slice of a partition', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());

  it('hands slices in offset order, retries a failed slice whole, dead-letters an undecodable message once, commits all', async () => {
    const topic = await topics.create('batches', 1);
    const deadLetterTopic = await topics.create('batches-dlq', 1);
    const groupId = uniqueName('batches-group');
    const client = testClient();
    await produceAll(
      client,
      Array.from({ length: 60 }, (_, n) => ({
        topic,
        key: `key-${n % 5}`,
        value: Buffer.from(n === 17 ? 'bad' : String(n)),
      })),
    );
    // What the handler made durable: values of every slice that did not throw.
    const durable: number[] = [];
    const sliceSizes: number[] = [];
    let calls = 0;
    const runner = createConsumerRunner(client, {
      groupId,
      topics: [topic],
      decode: strictDecoder,
      deadLetter: { topic: deadLetterTopic },
      commitEvery: { messages: 25 },
      handlerRetry: { initialMs: 10, maxMs: 20 },
      handleBatch: (messages) => {
        calls += 1;
        // The first slice (with the undecodable message) fails once, as a rolled-back transaction would.
        if (calls === 1) return Promise.reject(new Error('database went away'));
        sliceSizes.push(messages.length);
        durable.push(...messages.map((message) => Number(message.value)));
        return Promise.resolve();
      },
    });
    await runner.start();
    await eventually(() => durable.length >= 59, '59 decodable messages made durable');
    await runner.stop();
    const committed = await committedOffsets(groupId, topic);
    const deadLetters = await consumeUntil(deadLetterTopic, 1);
    const deadLetterCount = await endOffsets(deadLetterTopic);

    expect(durable).toEqual(Array.from({ length: 60 }, (_, n) => n).filter((n) => n !== 17));
    expect(Math.max(...sliceSizes)).toBeLessThanOrEqual(25);
    expect(calls).toBe(sliceSizes.length + 1);
    expect(deadLetters.map((message) => message.value?.toString('utf8'))).toEqual(['bad']);
    expect(deadLetterCount.get(0)).toBe(1);
    expect(committed.get(0)).toBe(60);
  });
});
