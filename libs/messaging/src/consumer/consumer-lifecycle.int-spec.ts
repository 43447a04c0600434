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

describe('consumer runner: lifecycle', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());

  it('stops gracefully: the in-flight handler finishes and is committed, nothing after it starts', async () => {
    const topic = await topics.create('graceful', 1);
    const deadLetterTopic = await topics.create('graceful-dlq', 1);
    const groupId = uniqueName('graceful-group');
    const client = testClient();
    await produceAll(
      client,
      ['m0', 'm1', 'm2'].map((value) => ({ topic, key: 'k', value: Buffer.from(value) })),
    );
    const started: string[] = [];
    const finished: string[] = [];
    const runner = createConsumerRunner(client, {
      groupId,
      topics: [topic],
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      handler: async (message) => {
        started.push(message.value);
        if (message.value === 'm1') await sleepMs(1_500);
        finished.push(message.value);
      },
    });

    await runner.start();
    await eventually(() => started.includes('m1'), 'm1 to start');
    await runner.stop();

    expect(finished).toEqual(['m0', 'm1']);
    expect(started).toEqual(['m0', 'm1']);
    expect(await committedOffsets(groupId, topic)).toEqual(new Map([[0, 2]]));
  });

  it('pauses and resumes single partitions', async () => {
    const topic = await topics.create('pause', 2);
    const deadLetterTopic = await topics.create('pause-dlq', 1);
    const client = testClient();
    const handled: { partition: number; value: string }[] = [];
    const runner = createConsumerRunner(client, {
      groupId: uniqueName('pause-group'),
      topics: [topic],
      concurrency: 2,
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      handler: (message) => {
        handled.push({ partition: message.partition, value: message.value });
        return Promise.resolve();
      },
    });
    await runner.start();
    await produceAll(client, [{ topic, key: 'warm', value: Buffer.from('warm-up'), partition: 0 }]);
    await eventually(() => handled.length === 1, 'the warm-up message');

    runner.pause([{ topic, partitions: [0] }]);
    await produceAll(client, [
      { topic, key: 'a', value: Buffer.from('p0-while-paused'), partition: 0 },
      { topic, key: 'b', value: Buffer.from('p1-while-paused'), partition: 1 },
    ]);
    await eventually(
      () => handled.some((entry) => entry.value === 'p1-while-paused'),
      'partition 1 to go on',
    );
    const pausedView = runner.paused();
    const handledWhilePaused = handled.map((entry) => entry.value);
    runner.resume([{ topic, partitions: [0] }]);
    await eventually(
      () => handled.some((entry) => entry.value === 'p0-while-paused'),
      'partition 0 after resume',
    );
    await runner.stop();

    expect(pausedView).toEqual([{ topic, partitions: [0] }]);
    expect(handledWhilePaused).toEqual(['warm-up', 'p1-while-paused']);
  });

  it('heartbeats through a handler slower than the session timeout, so the message is handled once', async () => {
    const topic = await topics.create('slow', 1);
    const deadLetterTopic = await topics.create('slow-dlq', 1);
    const groupId = uniqueName('slow-group');
    const client = testClient();
    await produceAll(
      client,
      ['slow', 'next'].map((value) => ({ topic, key: 'k', value: Buffer.from(value) })),
    );
    const handled: string[] = [];
    const runner = createConsumerRunner(client, {
      groupId,
      topics: [topic],
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 1_000,
      handler: async (message) => {
        if (message.value === 'slow') await sleepMs(9_000);
        handled.push(message.value);
      },
    });

    await runner.start();
    await eventually(() => handled.length >= 2, 'both messages', 30_000);
    await sleepMs(500);
    await runner.stop();

    expect(handled).toEqual(['slow', 'next']);
    expect(await committedOffsets(groupId, topic)).toEqual(new Map([[0, 2]]));
  });

  it('refuses to start twice or pause before starting', async () => {
    const runner = createConsumerRunner(testClient(), {
      groupId: uniqueName('state-group'),
      topics: ['unused'],
      decode: textDecoder,
      deadLetter: { topic: 'unused-dlq' },
      handler: () => Promise.resolve(),
    });

    expect(() => {
      runner.pause([{ topic: 'unused' }]);
    }).toThrow(expect.objectContaining({ code: 'CONSUMER_STATE' }) as Error);
    await runner.stop();
    await expect(runner.start()).rejects.toMatchObject({ code: 'CONSUMER_STATE' });
  });
});
