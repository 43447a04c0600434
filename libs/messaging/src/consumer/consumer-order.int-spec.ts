import { testTopics, uniqueName } from '@hub/testing';
import {
  committedOffsets,
  eventually,
  produceAll,
  sleepMs,
  testClient,
  textDecoder,
} from '../testing/messaging-fixtures';
import { createConsumerRunner } from './consumer-runner';

describe('consumer runner: order and concurrency', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());

  it('keeps per-key order while partitions are handled concurrently, and commits everything it handled', async () => {
    const topic = await topics.create('order', 3);
    const deadLetterTopic = await topics.create('order-dlq', 1);
    const groupId = uniqueName('order-group');
    const client = testClient();
    await produceAll(
      client,
      Array.from({ length: 300 }, (_, n) => ({
        topic,
        key: `key-${n % 30}`,
        value: Buffer.from(String(n)),
      })),
    );
    const perKey = new Map<string, number[]>();
    const busyPartitions = new Set<number>();
    let mostAtOnce = 0;
    let samePartitionOverlap = false;

    const runner = createConsumerRunner(client, {
      groupId,
      topics: [topic],
      concurrency: 3,
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      commitEvery: { messages: 7 },
      handler: async (message) => {
        if (busyPartitions.has(message.partition)) samePartitionOverlap = true;
        busyPartitions.add(message.partition);
        mostAtOnce = Math.max(mostAtOnce, busyPartitions.size);
        await sleepMs(Math.floor(Math.random() * 8));
        const key = message.key ?? '';
        perKey.set(key, [...(perKey.get(key) ?? []), Number(message.value)]);
        busyPartitions.delete(message.partition);
      },
    });
    await runner.start();
    await eventually(
      () => [...perKey.values()].reduce((sum, values) => sum + values.length, 0) >= 300,
      '300 handled messages',
    );
    await runner.stop();
    const committed = await committedOffsets(groupId, topic);

    expect(perKey.size).toBe(30);
    for (const [key, values] of perKey) {
      const n = Number(key.replace('key-', ''));
      expect(values).toEqual(Array.from({ length: 10 }, (_, i) => n + 30 * i));
    }
    expect(samePartitionOverlap).toBe(false);
    expect(mostAtOnce).toBeGreaterThan(1);
    expect([...committed.values()].reduce((sum, offset) => sum + offset, 0)).toBe(300);
  });
});
