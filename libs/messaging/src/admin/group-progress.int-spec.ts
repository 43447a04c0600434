import { testTopics, uniqueName } from '@hub/testing';
import { createConsumerRunner } from '../consumer/consumer-runner';
import { eventually, produceAll, testClient, textDecoder } from '../testing/messaging-fixtures';
import { createGroupProgressReader } from './group-progress';

describe('group progress', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());

  it("sums a group's committed offsets and its lag over the partitions it committed on", async () => {
    const topic = await topics.create('progress', 2);
    const deadLetterTopic = await topics.create('progress-dlq', 1);
    const groupId = uniqueName('progress-group');
    const client = testClient();
    const message = (index: number) => ({
      topic,
      key: `k${String(index % 2)}`,
      value: Buffer.from(`m${String(index)}`),
    });
    await produceAll(client, [0, 1, 2, 3, 4].map(message));
    const seen: string[] = [];
    const runner = createConsumerRunner(client, {
      groupId,
      topics: [topic],
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      handler: (consumed) => {
        seen.push(consumed.value);
        return Promise.resolve();
      },
    });
    await runner.start();
    await eventually(() => seen.length === 5, 'all 5 handled');
    await runner.stop();
    await produceAll(client, [5, 6].map(message));

    const reader = createGroupProgressReader(client);
    try {
      expect(await reader.read([groupId, uniqueName('never-ran')])).toEqual([
        { groupId, committed: 5, lag: 2 },
        { groupId: expect.any(String) as string, committed: 0, lag: 0 },
      ]);
    } finally {
      await reader.close();
    }
  });
});
