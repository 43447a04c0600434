import { Global, Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { consumeUntil, testEndpoints, testKafka, uniqueName } from '@hub/testing';
import {
  createKafkaClient,
  createProducer,
  createSchemaRegistrySerde,
  createTopicAdmin,
  encodeHubHeaders,
  type ConsumedMessage,
  type HubHeaders,
  type KafkaClient,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import { KafkaHandler } from './kafka-handler.decorator';
import { KafkaConsumerHost } from './kafka-consumer-host';
import { KAFKA_CLIENT } from './messaging-module-options';
import { MessagingModule } from './messaging.module';

interface Level {
  readonly sku: string;
  readonly quantity: number;
}

function parseLevel(value: unknown): Level {
  if (typeof value === 'object' && value !== null && 'sku' in value && 'quantity' in value) {
    const { sku, quantity } = value;
    if (typeof sku === 'string' && typeof quantity === 'number' && quantity >= 0) return { sku, quantity };
  }
  throw new Error('not a non-negative inventory level');
}

/** Stands in for the app's validated config (libs/config in a real app). */
interface TestAppConfig {
  readonly kafka: { readonly brokers: string[]; readonly clientId: string };
  readonly groupId: string;
  readonly deadLetterTopic: string;
}
const APP_CONFIG = Symbol('APP_CONFIG');

const topic = uniqueName('nest-levels');
const deadLetterTopic = uniqueName('nest-dlq');
const groupId = uniqueName('nest-group');
const subject = `${topic}-value`;

@Injectable()
class LevelConsumer {
  readonly received: { value: Level; headers: HubHeaders; offset: string }[] = [];

  @KafkaHandler(topic, { parse: parseLevel })
  onLevel(message: ConsumedMessage<Level, HubHeaders>): Promise<void> {
    this.received.push({ value: message.value, headers: message.headers, offset: message.offset });
    return Promise.resolve();
  }
}

const headers = (n: number): Record<string, string> =>
  encodeHubHeaders({ correlationId: `corr-${n}`, sourceSystem: 'wms', entityType: 'inventory-level', sourceVersion: 1718000000000 + n, eventId: `evt-${n}` });

describe('MessagingModule in a Nest app on the real broker', () => {
  let client: KafkaClient;
  let serde: SchemaRegistrySerde;

  beforeAll(async () => {
    client = createKafkaClient({ brokers: testEndpoints().kafkaBrokers.split(','), clientId: uniqueName('nest-setup') });
    const admin = createTopicAdmin(client);
    await admin.ensureTopics([
      { name: topic, partitions: 1, replicationFactor: 1 },
      { name: deadLetterTopic, partitions: 1, replicationFactor: 1 },
    ]);
    await admin.close();
    serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
    await serde.register(subject, {
      type: 'record',
      name: 'Level',
      namespace: `hub.test.${uniqueName('n').replace(/-/g, '_')}`,
      fields: [
        { name: 'sku', type: 'string' },
        { name: 'quantity', type: 'int' },
      ],
    });
  });

  afterAll(async () => {
    const admin = testKafka('nest-cleanup').admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, deadLetterTopic] });
    await admin.disconnect();
  });

  it('hands a decoded message to the @KafkaHandler method and commits it; a value that does not parse goes to the DLQ', async () => {
    const producer = createProducer(client);
    await producer.connect();
    await producer.send([
      { topic, key: 'WH1:SKU-1', value: serde.encode(subject, { sku: 'SKU-1', quantity: -3 }), headers: headers(0) },
      { topic, key: 'WH1:SKU-1', value: serde.encode(subject, { sku: 'SKU-1', quantity: 12 }), headers: headers(1) },
    ]);
    await producer.disconnect();

    @Global()
    @Module({ providers: [{ provide: APP_CONFIG, useValue: { kafka: { brokers: testEndpoints().kafkaBrokers.split(','), clientId: uniqueName('nest-app') }, groupId, deadLetterTopic } }], exports: [APP_CONFIG] })
    class TestConfigModule {}

    const moduleRef: TestingModule = await Test.createTestingModule({
      imports: [
        TestConfigModule,
        MessagingModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: TestAppConfig) => ({ kafka: config.kafka, groupId: config.groupId, deadLetterTopic: config.deadLetterTopic, deserializer: serde }),
        }),
      ],
      providers: [LevelConsumer],
    }).compile();
    await moduleRef.init();
    const consumer = moduleRef.get(LevelConsumer);
    const deadLetters = await consumeUntil(deadLetterTopic, 1);
    const deadline = Date.now() + 20_000;
    while (consumer.received.length < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const host = moduleRef.get(KafkaConsumerHost);
    host.pause([{ topic }]);
    const pausedView = host.paused();
    const injectedClient = moduleRef.get<KafkaClient>(KAFKA_CLIENT);
    await moduleRef.close();
    const committed = await committedOffset(groupId, topic);

    expect(consumer.received).toEqual([{ value: { sku: 'SKU-1', quantity: 12 }, headers: expect.objectContaining({ eventId: 'evt-1', sourceVersion: 1718000000001 }) as HubHeaders, offset: '1' }]);
    expect(deadLetters[0]?.headers).toMatchObject({ 'hub-dlq-error-code': 'VALUE_INVALID', 'hub-dlq-original-offset': '0', 'hub-event-id': 'evt-0' });
    expect(committed).toBe(2);
    expect(pausedView).toEqual([{ topic, partitions: [0] }]);
    expect(injectedClient.clientId).toMatch(/^nest-app-/);
  });
});

async function committedOffset(group: string, name: string): Promise<number> {
  const admin = testKafka('nest-offsets').admin();
  await admin.connect();
  const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [name] });
  await admin.disconnect();
  return Number(offsets?.partitions[0]?.offset);
}
