import { consumeUntil, testTopics } from '@hub/testing';
import type { KafkaClient } from '../client/create-kafka-client';
import { decodeHubHeaders, encodeHubHeaders } from '../headers/header-codec';
import type { HubHeaders } from '../headers/hub-headers';
import { testClient } from '../testing/messaging-fixtures';
import { createProduceBatcher } from './produce-batcher';
import { createProducer, type Producer } from './producer';
import type { OutgoingMessage } from './outgoing-message';

describe('producer on the real broker', () => {
  const topics = testTopics();
  let client: KafkaClient;
  let producer: Producer;

  beforeAll(async () => {
    client = testClient();
    producer = createProducer(client);
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
    await topics.deleteAll();
  });

  it('places keys on the partitions the Java client would (Kafka UtilsTest.testMurmur2 keys, 8 partitions)', async () => {
    const topic = await topics.create('java-partitions', 8);
    // toPositive(murmur2(key)) % 8 for the murmur2 values Kafka's own test pins.
    const expected: Record<string, number> = {
      '21': 4,
      foobar: 6,
      'a-little-bit-long-string': 0,
      'a-little-bit-longer-string': 3,
      lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8: 5,
      abc: 3,
    };

    await producer.send(
      Object.keys(expected).map((key) => ({ topic, key, value: Buffer.from(key) })),
    );
    const received = await consumeUntil(topic, 6);

    expect(Object.fromEntries(received.map((message) => [message.key, message.partition]))).toEqual(
      expected,
    );
  });

  it('sends many messages in one call, all acknowledged and in order per key', async () => {
    const topic = await topics.create('send-many', 3);
    const messages: OutgoingMessage[] = Array.from({ length: 600 }, (_, n) => ({
      topic,
      key: `sku-${n % 20}`,
      value: Buffer.from(String(n)),
    }));

    await producer.send(messages);
    const received = await consumeUntil(topic, 600);

    const perKey = new Map<string, number[]>();
    for (const message of received)
      perKey.set(message.key ?? '', [
        ...(perKey.get(message.key ?? '') ?? []),
        Number(message.value?.toString()),
      ]);
    expect(received).toHaveLength(600);
    for (const values of perKey.values()) expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it('batches single publishes: every caller hears of its own acknowledgement', async () => {
    const topic = await topics.create('batched', 3);
    const sent: (readonly OutgoingMessage[])[] = [];
    const counting = {
      send: (batch: readonly OutgoingMessage[]): Promise<void> => {
        sent.push(batch);
        return producer.send(batch);
      },
    };
    const batcher = createProduceBatcher(counting, { maxMessages: 250, lingerMs: 10 });

    const outcomes = await Promise.allSettled(
      Array.from({ length: 2_000 }, (_, n) =>
        batcher.publish({ topic, key: `k-${n % 50}`, value: Buffer.from(String(n)) }),
      ),
    );
    await batcher.close();
    const received = await consumeUntil(topic, 2_000);

    expect(outcomes.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(received).toHaveLength(2_000);
    expect(sent.length).toBeLessThanOrEqual(9);
    expect(Math.max(...sent.map((batch) => batch.length))).toBe(250);
  });

  it('rejects the callers of a batch the broker refused, with PRODUCE_FAILED', async () => {
    const impatient = createProducer(client, { retries: 1 });
    await impatient.connect();
    const batcher = createProduceBatcher(impatient, { maxMessages: 10, lingerMs: 5 });

    const outcome = batcher.publish({
      topic: 'no-such-topic-and-no-auto-create',
      key: 'k',
      value: Buffer.from('v'),
    });

    await expect(outcome).rejects.toMatchObject({ code: 'PRODUCE_FAILED', retriable: true });
    await impatient.disconnect();
  });

  it('round-trips hub headers through Kafka', async () => {
    const topic = await topics.create('headers', 1);
    const headers: HubHeaders = {
      correlationId: 'wms:inventory-level:WH1:SKU-42:1718000000000',
      sourceSystem: 'wms',
      entityType: 'inventory-level',
      entityKey: 'WH1:SKU-42',
      sourceVersion: 1718000000000,
      eventId: '5f0c6a0e-2d1b-4c1e-9a8e-3b7f0f2d9c11',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      attempt: 3,
      firstFailureAt: 1718000005000,
      lastError: 'ERP answered 503 – Dienst nicht verfügbar',
      lastErrorClass: 'transient',
      target: 'odoo',
      history: [
        { attempt: 1, at: 1718000005000, error: 'timeout', errorClass: 'transient' },
        { attempt: 2, at: 1718000035000, error: '503' },
      ],
    };

    await producer.send([
      { topic, key: 'WH1:SKU-42', value: Buffer.from('x'), headers: encodeHubHeaders(headers) },
    ]);
    const [received] = await consumeUntil(topic, 1);

    expect(decodeHubHeaders(received?.headers ?? {})).toEqual(headers);
  });
});
