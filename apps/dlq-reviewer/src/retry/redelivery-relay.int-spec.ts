/**
 * The redelivery relay against real Postgres and Kafka: committed rows are published exactly
 * as stored, in id order, after a restart, after a crash between publish and delete (again,
 * with the same retry id), and after an outage; one relay at a time per schema.
 */
import { randomUUID } from 'node:crypto';
import { createKafkaClient, createProducer, type MessageSender } from '@hub/messaging';
import { createLogger, createMetrics, createRegistry } from '@hub/observability';
import {
  createTestSchema,
  eventually,
  testEndpoints,
  testTopics,
  TopicCollector,
  uniqueName,
  type TestSchema,
  type TestTopics,
} from '@hub/testing';
import type { DataSource } from 'typeorm';
import { queueRedelivery, RedeliveryOutbox, type QueuedMessage } from '../store/redelivery-outbox';
import { createReviewerDataSource } from '../store/reviewer-data-source';
import { RedeliveryRelay } from './redelivery-relay';

const logger = createLogger({ service: 'relay-test', level: 'silent' });

let schema: TestSchema;
let dataSource: DataSource;
let outbox: RedeliveryOutbox;
let topics: TestTopics;
let producer: ReturnType<typeof createProducer>;

beforeAll(async () => {
  schema = await createTestSchema('dlq_relay');
  dataSource = createReviewerDataSource(testEndpoints().databaseUrl, schema.schema);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  outbox = new RedeliveryOutbox(dataSource);
  topics = testTopics();
  producer = createProducer(
    createKafkaClient({ brokers: [testEndpoints().kafkaBrokers], clientId: uniqueName('relay') }),
  );
  await producer.connect();
}, 60_000);

afterAll(async () => {
  await producer.disconnect();
  await topics.deleteAll();
  if (dataSource.isInitialized) await dataSource.destroy();
  await schema.drop();
});

afterEach(async () => {
  await dataSource.query(`DELETE FROM "redelivery_outbox"`);
});

function relayWith(
  sender: MessageSender,
  ready: () => boolean = () => true,
  batchSize = 100,
): RedeliveryRelay {
  return new RedeliveryRelay({
    outbox,
    sender,
    ready,
    batchSize,
    intervalMs: 50,
    metrics: createMetrics(createRegistry()),
    logger,
    now: Date.now,
  });
}

/** What an operator's committed retries leave behind: rows nobody has published yet. */
async function committedRetries(topic: string, count: number): Promise<QueuedMessage[]> {
  const key = Buffer.from(`WH-EAST:${randomUUID()}`);
  const messages = Array.from({ length: count }, (_, index) => ({
    topic,
    key,
    value: Buffer.from([0, 0, 0, 0, 7, index, 255]),
    headers: { 'hub-operator-retry': randomUUID(), 'hub-attempt': String(index + 1) },
  }));
  await dataSource.transaction(async (db) => {
    for (const [index, message] of messages.entries())
      await queueRedelivery(
        db,
        { itemId: String(index + 1), retryId: message.headers['hub-operator-retry'], message },
        Date.now(),
      );
  });
  return messages;
}

const asPublished = (message: QueuedMessage) => ({
  key: message.key?.toString() ?? null,
  value: message.value,
  headers: message.headers,
});

async function collected(collector: TopicCollector, count: number) {
  await eventually(
    () => collector.messages.length >= count,
    () => `${String(count)} messages expected, ${String(collector.messages.length)} arrived`,
  );
  return collector.messages.map(({ key, value, headers }) => ({ key, value, headers }));
}

describe('the redelivery relay', () => {
  it('publishes, after a restart, exactly the messages committed before it, in id order', async () => {
    const topic = await topics.create('relay-restart', 1);
    const stored = await committedRetries(topic, 3);
    const collector = await TopicCollector.start(topic);
    const relay = relayWith(producer);
    try {
      expect(await relay.round()).toBe('sent');
      expect(await collected(collector, 3)).toEqual(stored.map(asPublished));
      expect(await outbox.backlog()).toMatchObject({ pending: 0 });
    } finally {
      await collector.stop();
    }
  });

  it('sends a row again, with the same retry id, when it crashed between publish and delete', async () => {
    const topic = await topics.create('relay-crash', 1);
    const stored = (await committedRetries(topic, 1)).map(asPublished);
    const collector = await TopicCollector.start(topic);
    const crashing = relayWith({
      async send(messages) {
        await producer.send(messages);
        throw new Error('killed before the delete committed');
      },
    });
    try {
      expect(await crashing.round()).toBe('failed');
      expect(await outbox.backlog()).toMatchObject({
        pending: 1,
        lastError: 'killed before the delete committed',
      });
      expect(await relayWith(producer).round()).toBe('sent');
      expect(await collected(collector, 2)).toEqual([...stored, ...stored]);
      expect(await outbox.backlog()).toMatchObject({ pending: 0 });
    } finally {
      await collector.stop();
    }
  });

  it('keeps the rows while Kafka is unreachable, shows them, and publishes once it is back', async () => {
    const topic = await topics.create('relay-outage', 1);
    await committedRetries(topic, 2);
    let kafkaUp = false;
    const registry = createRegistry();
    const relay = new RedeliveryRelay({
      outbox,
      sender: producer,
      ready: () => kafkaUp,
      intervalMs: 50,
      metrics: createMetrics(registry),
      logger,
      now: Date.now,
    });
    const collector = await TopicCollector.start(topic);
    relay.start();
    try {
      await eventually(
        async () => (await registry.metrics()).includes('hub_dlq_outbox_pending 2'),
        () => 'the pending gauge to show 2 rows',
      );
      expect(relay.health().detail).toMatch(/^2 waiting, oldest \d+s$/);
      expect(collector.messages).toHaveLength(0);
      kafkaUp = true;
      await collected(collector, 2);
      await eventually(
        async () => (await registry.metrics()).includes('hub_dlq_outbox_pending 0'),
        () => 'the pending gauge to drop to 0',
      );
      expect(relay.health()).toEqual({ ok: true, detail: 'outbox empty' });
    } finally {
      await relay.stop();
      await collector.stop();
    }
  });

  it('skips its round while another replica relays the same schema', async () => {
    const topic = await topics.create('relay-lock', 1);
    await committedRetries(topic, 1);
    const other = dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query(
        `SELECT pg_advisory_xact_lock(hashtext('dlq-reviewer redelivery relay ' || current_schema()))`,
      );
      expect(await relayWith(producer).round()).toBe('busy');
      expect(await outbox.backlog()).toMatchObject({ pending: 1 });
    } finally {
      await other.rollbackTransaction();
      await other.release();
    }
    expect(await relayWith(producer).round()).toBe('sent');
  });

  it('publishes every row once and in id order with two replicas relaying at the same time', async () => {
    const topic = await topics.create('relay-replicas', 1);
    const stored = (await committedRetries(topic, 30)).map(asPublished);
    const collector = await TopicCollector.start(topic);
    const replicas = [relayWith(producer, () => true, 4), relayWith(producer, () => true, 4)];
    try {
      for (const relay of replicas) relay.start();
      for (let nudge = 0; nudge < 10; nudge += 1) for (const relay of replicas) relay.nudge();
      expect(await collected(collector, 30)).toEqual(stored);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(collector.messages).toHaveLength(30);
    } finally {
      await Promise.all(replicas.map((relay) => relay.stop()));
      await collector.stop();
    }
  });
});
