import { testTopics, uniqueName } from '@hub/testing';
import {
  committedOffsets,
  countConsumerEvents,
  eventually,
  produceAll,
  sleepMs,
  testClient,
  textDecoder,
} from '../testing/messaging-fixtures';
import { createConsumerRunner } from './consumer-runner';

describe('consumer runner: commits of a trickle', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('commits a message-per-fetch trickle about once per interval, and its last offset within it', async () => {
    const topic = await topics.create('trickle', 1);
    const deadLetterTopic = await topics.create('trickle-dlq', 1);
    const groupId = uniqueName('trickle-group');
    const client = testClient();
    const commits = countConsumerEvents(client, 'COMMIT_OFFSETS');
    const handled: string[] = [];
    const runner = createConsumerRunner(client, {
      groupId,
      topics: [topic],
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      commitEvery: { ms: 1_000 },
      handler: (message) => {
        handled.push(message.value);
        return Promise.resolve();
      },
    });
    await runner.start();
    try {
      const sent = 40;
      const startedAt = Date.now();
      for (let index = 0; index < sent; index++) {
        await produceAll(client, [{ topic, key: 'k', value: Buffer.from(`m${String(index)}`) }]);
        await eventually(() => handled.length === index + 1, `message ${String(index)}`);
        await sleepMs(25);
      }
      const trickleMs = Date.now() - startedAt;
      const lastHandledAt = Date.now();
      while ((await committedOffsets(groupId, topic)).get(0) !== sent) {
        if (Date.now() - lastHandledAt > 3_000)
          throw new Error('the last offset was not committed within 3 s');
        await sleepMs(50);
      }
      // One commit per handled message before (40 here); now one when the trickle starts and
      // about one per second after it, and the last offset by the timer.
      expect(commits.count()).toBeLessThanOrEqual(Math.ceil(trickleMs / 1_000) + 2);
      expect(handled).toEqual(Array.from({ length: sent }, (_, index) => `m${String(index)}`));
    } finally {
      await runner.stop();
    }
  });

  it('commits what it handled when it stops, before the interval ends', async () => {
    const topic = await topics.create('trickle-stop', 1);
    const deadLetterTopic = await topics.create('trickle-stop-dlq', 1);
    const groupId = uniqueName('trickle-stop-group');
    const client = testClient();
    const handled: string[] = [];
    const runner = createConsumerRunner(client, {
      groupId,
      topics: [topic],
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      commitEvery: { ms: 60_000 },
      handler: (message) => {
        handled.push(message.value);
        return Promise.resolve();
      },
    });
    await runner.start();
    for (const value of ['a', 'b', 'c']) {
      await produceAll(client, [{ topic, key: 'k', value: Buffer.from(value) }]);
      await eventually(() => handled.includes(value), `message ${value}`);
    }
    // 'a' was committed at once (the partition's first commit); 'b' and 'c' wait for the minute.
    expect((await committedOffsets(groupId, topic)).get(0)).toBe(1);
    await runner.stop();
    expect(await committedOffsets(groupId, topic)).toEqual(new Map([[0, 3]]));
  });

  it('commits what it handled when another member joins, before the partitions move', async () => {
    const topic = await topics.create('trickle-join', 1);
    const deadLetterTopic = await topics.create('trickle-join-dlq', 1);
    const groupId = uniqueName('trickle-join-group');
    const client = testClient();
    const joins = countConsumerEvents(client, 'GROUP_JOIN');
    const handled: string[] = [];
    const options = {
      groupId,
      topics: [topic],
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      commitEvery: { ms: 60_000 },
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 500,
      handler: (message: { value: string }) => {
        handled.push(message.value);
        return Promise.resolve();
      },
    };
    const first = createConsumerRunner(client, options);
    await first.start();
    const second = createConsumerRunner(client, options);
    try {
      for (const value of ['a', 'b', 'c']) {
        await produceAll(client, [{ topic, key: 'k', value: Buffer.from(value) }]);
        await eventually(() => handled.includes(value), `message ${value}`);
      }
      expect((await committedOffsets(groupId, topic)).get(0)).toBe(1);
      await second.start();
      // The first member's join, then both members' joins of the new generation.
      await eventually(() => joins.count() >= 3, 'both members in the new generation', 20_000);
      // 'b' and 'c' would wait a minute for the timer; the rebalance commits them at once, so
      // whichever member now has the partition starts after 'c' and hands nothing over again.
      const joinedAt = Date.now();
      while ((await committedOffsets(groupId, topic)).get(0) !== 3) {
        if (Date.now() - joinedAt > 5_000)
          throw new Error('the rebalance did not commit offset 3 within 5 s');
        await sleepMs(50);
      }
      expect(handled).toEqual(['a', 'b', 'c']);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
