import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { testEndpoints } from './endpoints';
import { consumeUntil, testKafka, testTopics } from './kafka-fixtures';
import { createTestSchema, type TestSchema } from './postgres-fixtures';
import { uniqueName } from './unique-name';

@Entity({ name: 'smoke_row' })
class SmokeRow {
  @PrimaryColumn('text') id!: string;
  @Column('jsonb') payload!: { sku: string; quantity: number };
}

describe('the real stack', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());

  it('produces and consumes a keyed message on the broker, keys landing on one partition', async () => {
    const topic = await topics.create('smoke-keyed', 3);
    const producer = testKafka('smoke-producer').producer({ idempotent: true });
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: ['1', '2', '3'].map((n) => ({
        key: 'WH1:SKU-42',
        value: `level-${n}`,
        headers: { 'hub-n': n },
      })),
    });
    await producer.disconnect();

    const received = await consumeUntil(topic, 3);

    expect(received.map((m) => m.value?.toString())).toEqual(['level-1', 'level-2', 'level-3']);
    expect(new Set(received.map((m) => m.partition)).size).toBe(1);
    expect(received.map((m) => m.headers['hub-n'])).toEqual(['1', '2', '3']);
  });

  it('registers an Avro schema and round-trips through the Confluent wire format', async () => {
    const registry = new SchemaRegistry({ host: testEndpoints().schemaRegistryUrl });
    const name = uniqueName('Smoke').replace(/-/g, '_');
    const schema = {
      type: 'record',
      name,
      namespace: 'hub.test',
      fields: [
        { name: 'sku', type: 'string' },
        { name: 'quantity', type: 'int' },
      ],
    };
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject: `${uniqueName('smoke')}-value` },
    );

    const encoded = await registry.encode(id, { sku: 'SKU-42', quantity: 7 });

    expect(encoded.readUInt8(0)).toBe(0);
    expect(encoded.readInt32BE(1)).toBe(id);
    await expect(registry.decode(encoded)).resolves.toEqual({ sku: 'SKU-42', quantity: 7 });
  });

  describe('Postgres through TypeORM', () => {
    let schema: TestSchema;
    let dataSource: DataSource;

    beforeAll(async () => {
      schema = await createTestSchema('smoke');
      dataSource = new DataSource({
        type: 'postgres',
        url: schema.databaseUrl,
        schema: schema.schema,
        entities: [SmokeRow],
        synchronize: true,
      });
      await dataSource.initialize();
    });

    afterAll(async () => {
      await dataSource.destroy();
      await schema.drop();
    });

    it('round-trips a row in a schema of its own', async () => {
      const rows = dataSource.getRepository(SmokeRow);
      await rows.save({ id: 'r1', payload: { sku: 'SKU-42', quantity: 7 } });

      const found = await rows.findOneByOrFail({ id: 'r1' });
      const tables = await dataSource.query<{ table_schema: string }[]>(
        `SELECT table_schema FROM information_schema.tables WHERE table_name = 'smoke_row' AND table_schema = $1`,
        [schema.schema],
      );

      expect(found.payload).toEqual({ sku: 'SKU-42', quantity: 7 });
      expect(tables).toEqual([{ table_schema: schema.schema }]);
    });
  });
});
