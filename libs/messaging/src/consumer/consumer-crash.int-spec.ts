import { testTopics, uniqueName } from '@hub/testing';
import { IdempotentRecorder } from '../testing/idempotent-recorder';
import {
  committedOffsets,
  endOffsets,
  eventually,
  produceAll,
  sleepMs,
  testClient,
  textDecoder,
} from '../testing/messaging-fixtures';
import { createConsumerRunner } from './consumer-runner';
import type { ConsumerRunnerOptions } from './consumer-runner-options';

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else
      signal.addEventListener(
        'abort',
        () => {
          resolve();
        },
        { once: true },
      );
  });
}

describe('consumer runner: a consumer killed mid-batch', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());

  it('loses nothing, and redelivers only what was not committed', async () => {
    const topic = await topics.create('crash', 3);
    const deadLetterTopic = await topics.create('crash-dlq', 1);
    const groupId = uniqueName('crash-group');
    const client = testClient();
    await produceAll(
      client,
      Array.from({ length: 300 }, (_, n) => ({
        topic,
        key: `key-${n % 30}`,
        value: Buffer.from(String(n)),
      })),
    );
    const recorder = new IdempotentRecorder();
    const options = (name: string): ConsumerRunnerOptions<string, unknown> => ({
      groupId,
      topics: [topic],
      concurrency: 3,
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      commitEvery: { messages: 10, ms: 60_000 },
      handler: async (message, { signal }) => {
        await sleepMs(Math.floor(Math.random() * 5));
        recorder.record(name, message);
        // The crash strikes while this handler runs: its effect is recorded, its offset never
        // committed, whatever batch boundaries kafkajs happened to choose.
        if (name === 'first' && recorder.recordings === 120) await untilAborted(signal);
      },
    });

    const first = createConsumerRunner(client, options('first'));
    await first.start();
    await eventually(() => recorder.recordings >= 120, '120 recorded effects');
    await first.abort();
    const committedAtCrash = await committedOffsets(groupId, topic);
    const second = createConsumerRunner(client, options('second'));
    await second.start();
    await eventually(() => recorder.recorded.size >= 300, 'all 300 recorded after the restart');
    await second.stop();
    const ends = await endOffsets(topic);

    // No loss: every message's effect was recorded, each exactly once.
    expect(recorder.recorded.size).toBe(300);
    expect(recorder.recordings).toBe(300);
    // The crash left work uncommitted (abort committed nothing more)...
    const totalCommittedAtCrash = [...committedAtCrash.values()].reduce(
      (sum, offset) => sum + Math.max(offset, 0),
      0,
    );
    expect(totalCommittedAtCrash).toBeLessThan(recorder.deliveriesTo('first').length);
    // ...and the second consumer got exactly the uncommitted rest: nothing committed came back.
    for (const [partition, end] of ends) {
      const from = Math.max(committedAtCrash.get(partition) ?? 0, 0);
      const offsets = recorder
        .deliveriesTo('second')
        .filter((delivery) => delivery.partition === partition)
        .map((delivery) => delivery.offset);
      expect(offsets).toEqual(Array.from({ length: end - from }, (_, i) => from + i));
    }
  });
});
