import { testKafka, uniqueName } from '@hub/testing';
import { ConfigResourceTypes } from 'kafkajs';
import type { KafkaClient } from '../client/create-kafka-client';
import { testClient } from '../testing/messaging-fixtures';
import { createTopicAdmin, type TopicAdmin } from './topic-admin';

describe('ensureTopics on the real broker', () => {
  let client: KafkaClient;
  let admin: TopicAdmin;
  const made: string[] = [];
  const name = (prefix: string): string => {
    const topic = uniqueName(prefix);
    made.push(topic);
    return topic;
  };

  beforeAll(() => {
    client = testClient();
    admin = createTopicAdmin(client);
  });
  afterAll(async () => {
    await admin.close();
    const cleaner = testKafka('cleanup').admin();
    await cleaner.connect();
    await cleaner.deleteTopics({ topics: made });
    await cleaner.disconnect();
  });

  it('creates what is missing with its configs, and leaves it alone the second time', async () => {
    const canonical = { name: name('canonical'), partitions: 3, replicationFactor: 1 };
    const dlq = {
      name: name('dlq'),
      partitions: 1,
      replicationFactor: 1,
      retentionMs: 604_800_000,
      cleanupPolicy: 'compact' as const,
    };

    const first = await admin.ensureTopics([canonical, dlq]);
    const second = await admin.ensureTopics([canonical, dlq], { verifyPartitions: true });

    expect(first).toEqual({ created: [canonical.name, dlq.name], existing: [] });
    expect(second).toEqual({ created: [], existing: [canonical.name, dlq.name] });
    const inspector = testKafka('inspect').admin();
    await inspector.connect();
    const metadata = await inspector.fetchTopicMetadata({ topics: [canonical.name] });
    const configs = await inspector.describeConfigs({
      includeSynonyms: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: dlq.name,
          configNames: ['retention.ms', 'cleanup.policy'],
        },
      ],
    });
    await inspector.disconnect();
    expect(metadata.topics[0]?.partitions).toHaveLength(3);
    const entries = Object.fromEntries(
      (configs.resources[0]?.configEntries ?? []).map((entry) => [
        entry.configName,
        entry.configValue,
      ]),
    );
    expect(entries).toEqual({ 'retention.ms': '604800000', 'cleanup.policy': 'compact' });
  });

  it('tolerates instances racing to create the same topics', async () => {
    const spec = { name: name('raced'), partitions: 2, replicationFactor: 1 };
    const other = createTopicAdmin(testClient());

    const results = await Promise.allSettled([
      admin.ensureTopics([spec]),
      other.ensureTopics([spec]),
    ]);
    await other.close();

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
  });

  it('fails with TOPIC_PARTITIONS_MISMATCH when an existing topic has another partition count', async () => {
    const topic = name('mismatch');
    await admin.ensureTopics([{ name: topic, partitions: 2, replicationFactor: 1 }]);

    await expect(
      admin.ensureTopics([{ name: topic, partitions: 6, replicationFactor: 1 }], {
        verifyPartitions: true,
      }),
    ).rejects.toMatchObject({
      code: 'TOPIC_PARTITIONS_MISMATCH',
      retriable: false,
      message: `${topic} has 2 partitions, expected 6`,
    });
  });

  it('refuses bad specs before talking to the broker', async () => {
    await expect(
      admin.ensureTopics([{ name: 'bad name!', partitions: 0, replicationFactor: 1 }]),
    ).rejects.toMatchObject({ code: 'TOPIC_ADMIN_FAILED' });
  });
});
