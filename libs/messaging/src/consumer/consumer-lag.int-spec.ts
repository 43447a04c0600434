import { testTopics, uniqueName } from '@hub/testing';
import { eventually, produceAll, testClient, textDecoder } from '../testing/messaging-fixtures';
import { createConsumerRunner } from './consumer-runner';
import type { LagGauge, LagLabels } from './lag-reporter';

/** A gauge as Prometheus would scrape it: the last value per label set, removals honoured. */
class RecordingGauge implements LagGauge {
  readonly values = new Map<string, { labels: LagLabels; value: number }>();
  set(labels: LagLabels, value: number): void {
    this.values.set(`${labels.topic}/${labels.partition}`, { labels, value });
  }
  remove(labels: LagLabels): void {
    this.values.delete(`${labels.topic}/${labels.partition}`);
  }
  lagOf(partition: number): number | undefined {
    return [...this.values.values()].find(({ labels }) => labels.partition === String(partition))
      ?.value;
  }
}

describe('consumer runner: lag per partition', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());

  it('shows the messages a stuck handler holds back, per partition, and zero once caught up; a stopped member reports nothing', async () => {
    const topic = await topics.create('lag', 2);
    const deadLetterTopic = await topics.create('lag-dlq', 1);
    const groupId = uniqueName('lag-group');
    const client = testClient();
    // 20 messages on partition 0, 5 on partition 1.
    await produceAll(client, [
      ...Array.from({ length: 20 }, (_, n) => ({
        topic,
        partition: 0,
        key: 'a',
        value: Buffer.from(String(n)),
      })),
      ...Array.from({ length: 5 }, (_, n) => ({
        topic,
        partition: 1,
        key: 'b',
        value: Buffer.from(String(n)),
      })),
    ]);
    const gauge = new RecordingGauge();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handled: string[] = [];
    const runner = createConsumerRunner(client, {
      groupId,
      topics: [topic],
      concurrency: 2,
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      lagGauge: gauge,
      handler: async (message) => {
        // Partition 0 stops at its 8th message (offset 7) until released.
        if (message.partition === 0 && message.offset === '7') await released;
        handled.push(`${String(message.partition)}:${message.offset}`);
      },
    });
    await runner.start();
    await eventually(
      () => gauge.lagOf(0) === 13 && gauge.lagOf(1) === 0,
      'partition 0 holding 13 messages back (offsets 7..19), partition 1 caught up',
    );
    expect([...gauge.values.values()].map(({ labels }) => labels)).toEqual(
      expect.arrayContaining([
        { group: groupId, topic, partition: '0' },
        { group: groupId, topic, partition: '1' },
      ]),
    );

    release();
    await eventually(() => gauge.lagOf(0) === 0, 'partition 0 caught up');
    expect(handled).toHaveLength(25);

    await runner.stop();
    expect(gauge.values.size).toBe(0);
  });
});
