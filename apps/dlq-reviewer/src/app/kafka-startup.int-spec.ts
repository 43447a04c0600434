import { retryTopic } from '@hub/contracts';
import { createKafkaClient, createTopicAdmin, type TopicAdmin } from '@hub/messaging';
import { testEndpoints, uniqueName } from '@hub/testing';
import { Kafka, logLevel } from 'kafkajs';
import { apiClient, listItems } from '../testing/api-client';
import { deadLetterFixtures } from '../testing/dead-letter-fixtures';
import { OPERATOR_TOKEN, eventually, startReviewer } from '../testing/reviewer-harness';

const kafka = new Kafka({
  brokers: [testEndpoints().kafkaBrokers],
  clientId: uniqueName('dlq-list'),
  logLevel: logLevel.NOTHING,
});

describe('Kafka at start-up (real stack)', () => {
  let admin: TopicAdmin;

  beforeAll(() => {
    admin = createTopicAdmin(
      createKafkaClient({
        brokers: [testEndpoints().kafkaBrokers],
        clientId: uniqueName('dlq-check'),
      }),
    );
  });

  afterAll(async () => {
    await admin.close();
  });

  /** Fails unless every topic exists with `partitions` partitions; never creates one with those. */
  const existingWith = async (names: string[], partitions: number): Promise<readonly string[]> => {
    const report = await admin.ensureTopics(
      names.map((name) => ({ name, partitions, replicationFactor: 1 })),
      { verifyPartitions: true },
    );
    return report.existing;
  };

  it('creates no topic at start-up: unready naming `npm run topics` until they exist; the retry topic before the first retry', async () => {
    const running = await startReviewer(
      { DLQ_TOPIC_PARTITIONS: '3' },
      { precreateTopics: false, awaitKafka: false },
    );
    const fixtures = await deadLetterFixtures(running.deadLetterTopic);
    try {
      const topics = [running.deadLetterTopic, running.outcomeTopic];
      const readiness = await eventually('unready, naming the command', async () => {
        const response = await fetch(`${running.url}/readyz`);
        const body = await response.text();
        return body.includes('npm run topics') ? { status: response.status, body } : undefined;
      });
      expect(readiness.status).toBe(503);
      expect(readiness.body).toContain(running.deadLetterTopic);
      const listing = kafka.admin();
      await listing.connect();
      const listed = await listing.listTopics().finally(() => listing.disconnect());
      expect(listed.filter((name) => topics.includes(name))).toEqual([]);

      expect(await existingWith(topics, 3)).toEqual([]); // created here, as `npm run topics` would
      await running.reviewer.kafkaConnected();
      expect((await fetch(`${running.url}/readyz`)).status).toBe(200);

      const { original } = await fixtures.publishDeadLetter({ target: running.target });
      const api = apiClient(running.url, OPERATOR_TOKEN);
      const item = await eventually('item', async () => {
        const [listed] = await listItems(
          api,
          `entityKey=${encodeURIComponent(original.entityKey)}`,
        );
        return listed;
      });
      expect((await api.post(`/api/dead-letters/${item.id}/retry`)).status).toBe(202);
      // Answered once committed; the relay creates the retry topic as it publishes, just after.
      const retries = retryTopic(running.target);
      await eventually('the retry topic', async () => {
        const lister = kafka.admin();
        await lister.connect();
        const names = await lister.listTopics().finally(() => lister.disconnect());
        return names.includes(retries) ? true : undefined;
      });
      expect(await existingWith([retries], 3)).toEqual([retries]);
    } finally {
      await fixtures.close();
      await running.stop();
    }
  });

  it('serves API and console from Postgres while Kafka is unreachable; retries answer 503', async () => {
    const running = await startReviewer(
      { KAFKA_BROKERS: '127.0.0.1:1' },
      { precreateTopics: false, awaitKafka: false },
    );
    try {
      const api = apiClient(running.url, OPERATOR_TOKEN);
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${running.url}/readyz`)).status).toBe(503);
      const list = await api.get('/api/dead-letters');
      expect([list.status, list.body.items]).toEqual([200, []]);
      const retry = await fetch(`${running.url}/api/dead-letters/1/retry`, {
        method: 'POST',
        headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
      });
      expect(retry.status).toBe(503);
      expect(retry.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(retry.headers.get('retry-after')).toBe('5');
      expect(((await retry.json()) as { type: string }).type).toBe(
        'urn:hub:problem:kafka-unavailable',
      );
    } finally {
      await running.stop();
    }
  });
});
