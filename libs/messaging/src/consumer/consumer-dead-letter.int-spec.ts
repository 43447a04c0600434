import { consumeUntil, testEndpoints, testTopics, uniqueName } from '@hub/testing';
import { encodeHubHeaders } from '../headers/header-codec';
import type { HubHeaders } from '../headers/hub-headers';
import { createSchemaRegistrySerde } from '../serde/schema-registry-serde';
import {
  committedOffsets,
  eventually,
  produceAll,
  testClient,
} from '../testing/messaging-fixtures';
import { createConsumerRunner } from './consumer-runner';
import { hubMessageDecoder } from './hub-message-decoder';

interface Level {
  readonly sku: string;
  readonly quantity: number;
}

const isLevel = (value: unknown): value is Level =>
  typeof value === 'object' &&
  value !== null &&
  'sku' in value &&
  typeof value.sku === 'string' &&
  'quantity' in value;

const headersFor = (n: number): HubHeaders => ({
  correlationId: `corr-${n}`,
  sourceSystem: 'wms',
  entityType: 'inventory-level',
  sourceVersion: 1718000000000 + n,
  eventId: `evt-${n}`,
});

describe('consumer runner: undecodable messages', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());

  it('sends them to the DLQ raw, with where and why in headers, and carries on', async () => {
    const topic = await topics.create('dlq-source', 1);
    const deadLetterTopic = await topics.create('dlq', 1);
    const groupId = uniqueName('dlq-group');
    const subject = `${uniqueName('dlq-level')}-value`;
    const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
    await serde.register(subject, {
      type: 'record',
      name: uniqueName('Level').replace(/-/g, '_'),
      fields: [
        { name: 'sku', type: 'string' },
        { name: 'quantity', type: 'int' },
      ],
    });
    const good = (n: number): Buffer => serde.encode(subject, { sku: `SKU-${n}`, quantity: n });
    const notConfluent = Buffer.from('{"sku":"SKU-1","quantity":1}');
    const unknownSchema = Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 2, 65]);
    const badHeaders = { ...encodeHubHeaders(headersFor(3)), 'hub-source-version': 'yesterday' };
    const client = testClient();
    await produceAll(client, [
      { topic, key: 'WH1:SKU', value: good(0), headers: encodeHubHeaders(headersFor(0)) },
      { topic, key: 'WH1:SKU', value: notConfluent, headers: encodeHubHeaders(headersFor(1)) },
      { topic, key: 'WH1:SKU', value: good(2), headers: encodeHubHeaders(headersFor(2)) },
      { topic, key: 'WH1:SKU', value: good(3), headers: badHeaders },
      { topic, key: 'WH1:SKU', value: unknownSchema, headers: encodeHubHeaders(headersFor(4)) },
      { topic, key: 'WH1:SKU', value: good(5), headers: encodeHubHeaders(headersFor(5)) },
    ]);
    const handled: string[] = [];
    const runner = createConsumerRunner(client, {
      groupId,
      topics: [topic],
      decode: hubMessageDecoder(serde, {
        parse: (value) => {
          if (!isLevel(value)) throw new Error('not an inventory level');
          return value;
        },
      }),
      deadLetter: { topic: deadLetterTopic },
      handler: (message) => {
        handled.push(`${message.value.sku}/${message.headers.eventId}`);
        return Promise.resolve();
      },
    });

    await runner.start();
    await eventually(() => handled.length >= 3, 'the three decodable messages');
    const dead = await consumeUntil(deadLetterTopic, 3);
    await runner.stop();

    expect(handled).toEqual(['SKU-0/evt-0', 'SKU-2/evt-2', 'SKU-5/evt-5']);
    expect(dead.map((message) => message.value)).toEqual([notConfluent, good(3), unknownSchema]);
    expect(dead.map((message) => message.key)).toEqual(['WH1:SKU', 'WH1:SKU', 'WH1:SKU']);
    expect(
      dead.map((message) => [
        message.headers['hub-dlq-original-offset'],
        message.headers['hub-dlq-error-code'],
      ]),
    ).toEqual([
      ['1', 'NOT_CONFLUENT_PAYLOAD'],
      ['3', 'HEADER_INVALID'],
      ['4', 'UNKNOWN_SCHEMA_ID'],
    ]);
    expect(dead[1]?.headers).toMatchObject({
      'hub-dlq-reason': 'undecodable',
      'hub-dlq-original-topic': topic,
      'hub-dlq-original-partition': '0',
      'hub-dlq-consumer-group': groupId,
      'hub-source-version': 'yesterday',
    });
    expect(dead[1]?.headers['hub-dlq-error-message']).toMatch(/^Header hub-source-version /);
    expect(await committedOffsets(groupId, topic)).toEqual(new Map([[0, 6]]));
  });
});
