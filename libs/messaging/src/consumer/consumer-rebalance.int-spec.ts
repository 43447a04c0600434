import { testTopics, uniqueName } from '@hub/testing';
import { IdempotentRecorder } from '../testing/idempotent-recorder';
import {
  eventually,
  produceAll,
  sleepMs,
  testClient,
  textDecoder,
} from '../testing/messaging-fixtures';
import { createConsumerRunner } from './consumer-runner';
import type { ConsumerRunnerOptions } from './consumer-runner-options';

describe('consumer runner: a second consumer joins mid-stream', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());

  it('shares the partitions, processes everything and keeps per-key order', async () => {
    const topic = await topics.create('rebalance', 4);
    const deadLetterTopic = await topics.create('rebalance-dlq', 1);
    const groupId = uniqueName('rebalance-group');
    const client = testClient();
    const total = 600;
    const messages = Array.from({ length: total }, (_, n) => ({
      topic,
      key: `key-${n % 30}`,
      value: Buffer.from(String(n)),
    }));
    await produceAll(client, messages.slice(0, 300));
    const recorder = new IdempotentRecorder();
    const options = (name: string): ConsumerRunnerOptions<string, unknown> => ({
      groupId,
      topics: [topic],
      concurrency: 2,
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 500,
      handler: async (message) => {
        await sleepMs(2 + Math.floor(Math.random() * 4));
        recorder.record(name, message);
      },
    });

    const first = createConsumerRunner(client, options('first'));
    await first.start();
    await eventually(() => recorder.recorded.size >= 60, 'the first consumer to get going');
    const second = createConsumerRunner(client, options('second'));
    await second.start();
    await produceAll(client, messages.slice(300));
    await eventually(() => recorder.recorded.size >= total, `all ${total} recorded`, 45_000);
    await Promise.all([first.stop(), second.stop()]);

    expect(recorder.recorded.size).toBe(total);
    expect(new Set(recorder.deliveries.map((delivery) => delivery.consumer))).toEqual(
      new Set(['first', 'second']),
    );
    for (const [key, values] of recorder.orderPerKey) {
      const n = Number(key.replace('key-', ''));
      expect(values).toEqual(Array.from({ length: total / 30 }, (_, i) => n + 30 * i));
    }
  });
});
