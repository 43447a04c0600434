import { testTopics, uniqueName } from '@hub/testing';
import { createProducer } from '../producer/producer';
import {
  committedOffsets,
  countConsumerEvents,
  eventually,
  produceAll,
  sleepMs,
  testClient,
  textDecoder,
} from '../testing/messaging-fixtures';
import type { ConsumedMessage } from './consumed-message';
import { createConsumerRunner, defaultFetchMaxWaitMs } from './consumer-runner';
import { bookkeepingFetch } from './fetch-policy';

describe('consumer runner: idle cost', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('asks the broker about once per fetch wait while nothing arrives, and hands each message over at once', async () => {
    const topic = await topics.create('idle', 1);
    const deadLetterTopic = await topics.create('idle-dlq', 1);
    const client = testClient();
    const fetches = countConsumerEvents(client, 'FETCH');
    const handledAt: number[] = [];
    const runner = createConsumerRunner(client, {
      groupId: uniqueName('idle-group'),
      topics: [topic],
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      handler: () => {
        handledAt.push(Date.now());
        return Promise.resolve();
      },
    });
    await runner.start();
    try {
      await produceAll(client, [{ topic, key: 'k', value: Buffer.from('first') }]);
      await eventually(() => handledAt.length === 1, 'the first message');

      const idleMs = 3_000;
      const before = fetches.count();
      await sleepMs(idleMs);
      const idleFetches = fetches.count() - before;
      // At 100 ms, the old wait, this was about 30.
      expect(idleFetches).toBeLessThanOrEqual(Math.ceil(idleMs / defaultFetchMaxWaitMs) + 1);

      // The broker answers the fetch in flight when a message arrives, not when its wait ends:
      // were it to wait, each message below would take 0 to defaultFetchMaxWaitMs.
      const latenciesMs: number[] = [];
      for (const value of ['a', 'b', 'c', 'd', 'e']) {
        await sleepMs(defaultFetchMaxWaitMs * Math.random());
        const sentAt = Date.now();
        await produceAll(client, [{ topic, key: 'k', value: Buffer.from(value) }]);
        await eventually(() => handledAt.length === latenciesMs.length + 2, `message ${value}`);
        latenciesMs.push(handledAt.at(-1)! - sentAt);
      }
      expect(Math.max(...latenciesMs)).toBeLessThan(defaultFetchMaxWaitMs / 2);
    } finally {
      await runner.stop();
    }
  });

  it('a bookkeeping runner fetches once per wait, not once per message, and still handles every message in order', async () => {
    const topic = await topics.create('trickle', 2);
    const deadLetterTopic = await topics.create('trickle-dlq', 1);
    const sendEveryMs = 150;
    const keys = ['a', 'b', 'c', 'd'];
    const perKey = 6;
    const sent = keys.length * perKey;
    type Seen = Pick<ConsumedMessage<string, unknown>, 'key' | 'partition' | 'offset' | 'value'>;
    const start = async (
      fetch: typeof bookkeepingFetch | undefined,
    ): Promise<{
      readonly stop: () => Promise<void>;
      readonly fetches: () => number;
      readonly seen: Seen[];
      readonly handledAt: Map<string, number>;
      readonly groupId: string;
    }> => {
      const client = testClient();
      const fetches = countConsumerEvents(client, 'FETCH');
      const seen: Seen[] = [];
      const handledAt = new Map<string, number>();
      const groupId = uniqueName('trickle-group');
      const runner = createConsumerRunner(client, {
        groupId,
        topics: [topic],
        decode: textDecoder,
        deadLetter: { topic: deadLetterTopic },
        ...(fetch === undefined ? {} : { fetch }),
        handleBatch: (messages) => {
          for (const { key, partition, offset, value } of messages) {
            seen.push({ key, partition, offset, value });
            handledAt.set(value, Date.now());
          }
          return Promise.resolve();
        },
      });
      await runner.start();
      return { stop: () => runner.stop(), fetches: fetches.count, seen, handledAt, groupId };
    };
    const byDefault = await start(undefined);
    const bookkeeping = await start(bookkeepingFetch);
    const client = testClient();
    const producer = createProducer(client);
    await producer.connect();
    try {
      // Both members in their groups and past their first fetch before the count starts.
      await producer.send([{ topic, key: 'warm-up', value: Buffer.from('warm-up') }]);
      await eventually(
        () => byDefault.seen.length === 1 && bookkeeping.seen.length === 1,
        'the warm-up message in both groups',
      );
      const defaultBefore = byDefault.fetches();
      const bookkeepingBefore = bookkeeping.fetches();
      const startedAt = Date.now();
      const sentAt = new Map<string, number>();
      for (let n = 0; n < perKey; n += 1)
        for (const key of keys) {
          const value = `${key}-${n}`;
          sentAt.set(value, Date.now());
          await producer.send([{ topic, key, value: Buffer.from(value) }]);
          await sleepMs(sendEveryMs);
        }
      await eventually(
        () => byDefault.seen.length === sent + 1 && bookkeeping.seen.length === sent + 1,
        `${sent} messages in both groups`,
      );
      const elapsedMs = Date.now() - startedAt;
      const defaultFetches = byDefault.fetches() - defaultBefore;
      const bookkeepingFetches = bookkeeping.fetches() - bookkeepingBefore;

      // minBytes 1: every message wakes the fetch in flight (spaced 150 ms, each its own).
      expect(defaultFetches).toBeGreaterThanOrEqual(sent / 2);
      // 64 KiB never gather here: the broker answers when the wait ends, about every 2 s.
      expect(bookkeepingFetches).toBeLessThanOrEqual(
        Math.ceil(elapsedMs / bookkeepingFetch.maxWaitMs) + 2,
      );
      expect(bookkeepingFetches * 4).toBeLessThan(defaultFetches);

      // Nothing lost or doubled, each key in the order sent, each partition in offset order.
      for (const { seen } of [byDefault, bookkeeping]) {
        const values = seen.map(({ value }) => value).filter((value) => value !== 'warm-up');
        expect([...values].sort()).toEqual([...sentAt.keys()].sort());
        for (const key of keys)
          expect(seen.filter((message) => message.key === key).map(({ value }) => value)).toEqual(
            Array.from({ length: perKey }, (_, n) => `${key}-${n}`),
          );
        for (const partition of [0, 1]) {
          const offsets = seen
            .filter((message) => message.partition === partition)
            .map(({ offset }) => Number(offset));
          expect(offsets).toEqual(offsets.map((_, i) => offsets[0]! + i));
        }
      }
      // What the batching costs: a message waits for the fetch's wait, and no longer.
      const waitedMs = [...sentAt].map(([value, at]) => bookkeeping.handledAt.get(value)! - at);
      expect(Math.max(...waitedMs)).toBeLessThan(bookkeepingFetch.maxWaitMs + 1_500);
    } finally {
      await producer.disconnect();
      await byDefault.stop();
      await bookkeeping.stop();
    }
    // And what it handled is committed: the runner's commit rules are unchanged.
    const committed = await committedOffsets(bookkeeping.groupId, topic);
    expect([...committed.values()].reduce((sum, offset) => sum + offset, 0)).toBe(sent + 1);
  });

  it('a bookkeeping runner reads a backlog of more than 64 KiB without waiting out its fetch wait', async () => {
    const topic = await topics.create('backlog', 1);
    const deadLetterTopic = await topics.create('backlog-dlq', 1);
    const count = 3_000;
    const padding = 'x'.repeat(400);
    const client = testClient();
    // About 1.3 MB, more than one fetch returns from a partition (1 MB), in produce requests
    // under the broker's 1 MB limit.
    for (let from = 0; from < count; from += 1_000)
      await produceAll(
        client,
        Array.from({ length: 1_000 }, (_, i) => ({
          topic,
          key: `key-${(from + i) % 10}`,
          value: Buffer.from(`${from + i}:${padding}`),
        })),
      );
    const fetches = countConsumerEvents(client, 'FETCH');
    const handledAt: number[] = [];
    const runner = createConsumerRunner(client, {
      groupId: uniqueName('backlog-group'),
      topics: [topic],
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      fetch: bookkeepingFetch,
      handleBatch: (messages) => {
        for (const _ of messages) handledAt.push(Date.now());
        return Promise.resolve();
      },
    });
    await runner.start();
    try {
      await eventually(() => handledAt.length === count, `${count} messages`);
      // The fetch after the first finds the rest (over 64 KiB) there: answered at once, not
      // held for the 2 s wait.
      expect(fetches.count()).toBeGreaterThanOrEqual(2);
      expect(handledAt.at(-1)! - handledAt[0]!).toBeLessThan(bookkeepingFetch.maxWaitMs / 2);
    } finally {
      await runner.stop();
    }
  });
});
