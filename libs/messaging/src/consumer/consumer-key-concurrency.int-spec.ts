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

const handledCount = (perKey: Map<string, number[]>): number =>
  [...perKey.values()].reduce((sum, values) => sum + values.length, 0);

describe('consumer runner: keys of one partition handled concurrently', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());

  it('runs up to keyConcurrency keys of a partition at once, each key in offset order, and commits all', async () => {
    const topic = await topics.create('keys', 1);
    const deadLetterTopic = await topics.create('keys-dlq', 1);
    const groupId = uniqueName('keys-group');
    const client = testClient();
    await produceAll(
      client,
      Array.from({ length: 240 }, (_, n) => ({
        topic,
        key: `key-${n % 24}`,
        value: Buffer.from(String(n)),
      })),
    );
    const perKey = new Map<string, number[]>();
    const busyKeys = new Set<string>();
    let mostAtOnce = 0;
    let sameKeyOverlap = false;
    const runner = createConsumerRunner(client, {
      groupId,
      topics: [topic],
      keyConcurrency: 6,
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      commitEvery: { messages: 50 },
      handler: async (message) => {
        const key = message.key ?? '';
        if (busyKeys.has(key)) sameKeyOverlap = true;
        busyKeys.add(key);
        mostAtOnce = Math.max(mostAtOnce, busyKeys.size);
        await sleepMs(1 + Math.floor(Math.random() * 6));
        perKey.set(key, [...(perKey.get(key) ?? []), Number(message.value)]);
        busyKeys.delete(key);
      },
    });
    await runner.start();
    await eventually(() => handledCount(perKey) >= 240, '240 handled messages');
    await runner.stop();
    const committed = await committedOffsets(groupId, topic);

    expect(perKey.size).toBe(24);
    for (const [key, values] of perKey) {
      const n = Number(key.replace('key-', ''));
      expect(values).toEqual(Array.from({ length: 10 }, (_, i) => n + 24 * i));
    }
    expect(sameKeyOverlap).toBe(false);
    expect(mostAtOnce).toBeGreaterThan(1);
    expect(mostAtOnce).toBeLessThanOrEqual(6);
    expect(committed.get(0)).toBe(240);
  });

  it('a failing key holds back the commit at its offset; after a stop the rest is handled again, its key in order, nothing lost', async () => {
    const topic = await topics.create('keys-stuck', 1);
    const deadLetterTopic = await topics.create('keys-stuck-dlq', 1);
    const groupId = uniqueName('keys-stuck-group');
    const client = testClient();
    // key-0 at offsets 0, 4, 8 ...; offset 4 fails until released.
    await produceAll(
      client,
      Array.from({ length: 40 }, (_, n) => ({
        topic,
        key: `key-${n % 4}`,
        value: Buffer.from(String(n)),
      })),
    );
    const perKey = new Map<string, number[]>();
    let released = false;
    const runner = () =>
      createConsumerRunner(client, {
        groupId,
        topics: [topic],
        keyConcurrency: 4,
        decode: textDecoder,
        deadLetter: { topic: deadLetterTopic },
        commitEvery: { messages: 20, ms: 50 },
        handlerRetry: { initialMs: 20, maxMs: 40 },
        handler: (message) => {
          const value = Number(message.value);
          if (value === 4 && !released)
            return Promise.reject(new Error('target down for offset 4'));
          const key = message.key ?? '';
          perKey.set(key, [...(perKey.get(key) ?? []), value]);
          return Promise.resolve();
        },
      });
    const first = runner();
    await first.start();
    // The other keys of the first slice (offsets 0-19) finish while offset 4 keeps failing.
    await eventually(() => handledCount(perKey) >= 16, 'the first slice but offset 4 on');
    await first.stop();
    const whileStuck = await committedOffsets(groupId, topic);
    const key0WhileStuck = [...(perKey.get('key-0') ?? [])];
    released = true;
    const second = runner();
    await second.start();
    await eventually(() => (perKey.get('key-0') ?? []).length >= 10, 'key-0 to its end');
    await eventually(() => new Set([...perKey.values()].flat()).size >= 40, 'all 40 values');
    await second.stop();
    const committed = await committedOffsets(groupId, topic);

    expect(key0WhileStuck).toEqual([0]);
    expect(whileStuck.get(0)).toBe(4);
    expect(perKey.get('key-0')).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36]);
    // Keys 1-3 ran offsets 5-19 before the stop and again after it: each run kept key order.
    expect(perKey.get('key-1')).toEqual([1, 5, 9, 13, 17, 5, 9, 13, 17, 21, 25, 29, 33, 37]);
    expect(committed.get(0)).toBe(40);
  });
});
