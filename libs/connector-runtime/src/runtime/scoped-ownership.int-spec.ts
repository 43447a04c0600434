/**
 * Ownership by scope on the real stack: one WMS, two ERPs, a policy scoped by warehouse.
 * Both connectors consume the same canonical topic; each writes only its own warehouse's
 * levels, skips the other's (counted as out-of-scope: no dead letter, no outcome, since the
 * other connector writes and reports them), and a warehouse no scope covers is dead-lettered
 * by each with OUT_OF_SCOPE.
 */
import { randomBytes } from 'node:crypto';
import { defineConfig } from '@hub/config';
import { canonicalTopics, createEvent, systemEventIdentity, valueSubject } from '@hub/contracts';
import {
  createKafkaClient,
  createProducer,
  createSchemaRegistrySerde,
  encodeHubHeaders,
  type Producer,
} from '@hub/messaging';
import { createLogger, createMetrics, createRegistry } from '@hub/observability';
import { parsePolicy } from '@hub/ownership';
import {
  createTestSchema,
  testEndpoints,
  testKafka,
  uniqueName,
  type TestSchema,
} from '@hub/testing';
import type { AnyCanonicalEvent } from '../adapter/erp-adapter';
import { connectorRuntimeSettings } from '../settings/connector-runtime-settings';
import { FakeWriteAdapter } from '../testing/fake-write-adapter';
import { TopicCollector, eventually } from '@hub/testing';
import type { ConnectorRuntime } from './connector-runtime-options';
import { connectorTopics, type ConnectorTopicOverrides } from './connector-topics';
import { createConnectorRuntime } from './create-connector-runtime';

const suffix = randomBytes(4).toString('hex');
const WMS = `wms-${suffix}`;
const EU = `odoo-eu-${suffix}`;
const US = `bc-us-${suffix}`;

const policy = parsePolicy({
  systems: [
    { id: WMS, kind: 'wms' },
    { id: EU, kind: 'odoo' },
    { id: US, kind: 'business-central' },
  ],
  entityTypes: [
    {
      type: 'inventory-level',
      scopeField: 'warehouse',
      scopes: [
        { values: ['WH-EU'], owner: WMS, receivers: [EU] },
        { values: ['WH-US'], owner: WMS, receivers: [US] },
      ],
    },
    {
      type: 'goods-receipt',
      scopeField: 'warehouse',
      scopes: [
        { values: ['WH-EU'], owner: WMS, receivers: [EU] },
        { values: ['WH-US'], owner: WMS, receivers: [US] },
      ],
    },
    { type: 'purchase-order', owner: EU, receivers: [WMS] },
  ],
});

// Shared by both connectors, as in production; retry and redelivery topics stay per system.
const shared: ConnectorTopicOverrides = {
  canonical: {
    'inventory-level': uniqueName('crt-scope-inventory'),
    'goods-receipt': uniqueName('crt-scope-receipt'),
    'purchase-order': uniqueName('crt-scope-po'),
  },
  sourceNotification: uniqueName('crt-scope-notification'),
  deliveryOutcome: uniqueName('crt-scope-outcome'),
  deadLetter: uniqueName('crt-scope-dlq'),
  // Its own control topic: the cleanup deletes every topic named here.
  control: uniqueName('crt-scope-control'),
};
const topicsOf = (system: string) => connectorTopics(system, shared);
const topics = topicsOf(EU);

const endpoints = testEndpoints();
const serde = createSchemaRegistrySerde({ url: endpoints.schemaRegistryUrl });
const client = createKafkaClient({
  brokers: [endpoints.kafkaBrokers],
  clientId: uniqueName('crt-scope'),
  logger: createLogger({ service: 'crt-kafka', level: 'silent' }),
});
const settingsDefinition = defineConfig({ connector: connectorRuntimeSettings });
const metrics = createMetrics(createRegistry());

function level(warehouse: string, sku: string, version: number): AnyCanonicalEvent {
  return createEvent(
    'inventory-level',
    {
      sourceSystem: WMS,
      sourceRecordId: `${warehouse}:${sku}`,
      sourceVersion: version,
      payload: { sku, warehouse, quantityOnHand: '7', unitOfMeasure: 'PCS', asOf: version },
    },
    systemEventIdentity,
  );
}

describe('ownership by scope: two ERPs, inventory levels routed by warehouse (real stack)', () => {
  const adapters = { [EU]: new FakeWriteAdapter(), [US]: new FakeWriteAdapter() };
  const runtimes: ConnectorRuntime[] = [];
  // Optional so afterAll closes whatever a failed beforeAll did open.
  let schema: TestSchema | undefined;
  let producer: Producer | undefined;
  let outcomes: TopicCollector | undefined;
  let deadLetters: TopicCollector | undefined;

  const decodedPayloads = (collector: TopicCollector) =>
    Promise.all(
      collector.messages.map(
        async (m) =>
          ((await serde.decode(m.value)) as { payload: Record<string, unknown> }).payload,
      ),
    );

  beforeAll(async () => {
    const testSchema = await createTestSchema('crt_scope');
    schema = testSchema;
    for (const system of [EU, US]) {
      const runtime = createConnectorRuntime({
        system,
        write: adapters[system],
        policy,
        kafka: client,
        serde,
        database: { url: testSchema.databaseUrl, schema: testSchema.schema },
        settings: settingsDefinition.load({
          CONNECTOR_SYSTEM_ID: system,
          CONNECTOR_SWEEP_MODE: 'off',
          CONNECTOR_LEASE: '2s',
        }).connector,
        logger: createLogger({ service: 'crt-scope', level: 'silent' }),
        metrics,
        topics: shared,
        ensureTopics: { partitions: 3, replicationFactor: 1 },
      });
      runtimes.push(runtime);
      await runtime.start();
    }
    producer = createProducer(client);
    await producer.connect();
    [outcomes, deadLetters] = await Promise.all([
      TopicCollector.start(topics.deliveryOutcome),
      TopicCollector.start(topics.deadLetter),
    ]);
  });

  afterAll(async () => {
    await Promise.all([outcomes?.stop(), deadLetters?.stop()]);
    for (const runtime of runtimes) await runtime.stop();
    await producer?.disconnect();
    await schema?.drop();
    const admin = testKafka('crt-scope-cleanup').admin();
    await admin.connect();
    try {
      // Each system's retry and redelivery topics plus the shared ones, each named once.
      const names = new Set(
        [EU, US].flatMap((system) => {
          const { canonical, ...others } = topicsOf(system);
          return [...Object.values(canonical), ...Object.values(others)];
        }),
      );
      await admin.deleteTopics({ topics: [...names] });
    } finally {
      await admin.disconnect();
    }
  });

  it("writes each warehouse's levels only to the ERP that holds it; the other skips them without a dead letter", async () => {
    if (producer === undefined || outcomes === undefined || deadLetters === undefined)
      throw new Error('beforeAll did not finish');
    const [sender, outcomeTopic, deadLetterTopic] = [producer, outcomes, deadLetters];
    const events = ['A', 'B', 'C'].flatMap((sku, index) => [
      level('WH-EU', `SKU-${sku}`, 1_000 + index),
      level('WH-US', `SKU-${sku}`, 1_000 + index),
    ]);
    const stranger = level('WH-CN', 'SKU-Z', 2_000);
    await sender.send(
      [...events, stranger].map((event) => ({
        topic: topics.canonical['inventory-level'],
        key: event.entityKey,
        value: serde.encode(valueSubject(canonicalTopics['inventory-level']), event),
        headers: encodeHubHeaders(event),
      })),
    );

    const skippedBy = async (): Promise<Record<string, number>> =>
      Object.fromEntries(
        (await metrics.connectorWrites.get()).values
          .filter((v) => v.labels['outcome'] === 'out-of-scope')
          .map((v) => [String(v.labels['target']), v.value]),
      );
    await eventually(
      async () =>
        outcomeTopic.messages.length >= 8 &&
        deadLetterTopic.messages.length >= 2 &&
        Object.values(await skippedBy()).reduce((sum, n) => sum + n, 0) >= 6,
      () =>
        `outcomes ${outcomeTopic.messages.length}, dead letters ${deadLetterTopic.messages.length}`,
    );
    // Anything more (a write to the wrong ERP, a second dead letter) would show within this.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const keysOf = (system: string) =>
      adapters[system]?.applyCalls.map((call) => call.entityKey).sort();
    expect(keysOf(EU)).toEqual(['WH-EU:SKU-A', 'WH-EU:SKU-B', 'WH-EU:SKU-C']);
    expect(keysOf(US)).toEqual(['WH-US:SKU-A', 'WH-US:SKU-B', 'WH-US:SKU-C']);

    const reported = (await decodedPayloads(outcomeTopic)).map(
      (p) => `${String(p['target'])} ${String(p['outcome'])}`,
    );
    expect(reported.sort()).toEqual(
      [
        ...Array<string>(3).fill(`${EU} succeeded`),
        `${EU} failed_permanent`,
        ...Array<string>(3).fill(`${US} succeeded`),
        `${US} failed_permanent`,
      ].sort(),
    );
    // Only the warehouse nobody holds is a dead letter, once per connector that consumed it.
    const letters = await decodedPayloads(deadLetterTopic);
    expect(letters.map((l) => l['target']).sort()).toEqual([EU, US].sort());
    for (const letter of letters)
      expect(letter).toMatchObject({
        reason: 'permanent_failure',
        attempts: [
          {
            failure: {
              code: 'OUT_OF_SCOPE',
              message: expect.stringContaining('warehouse WH-CN is in no scope') as unknown,
            },
          },
        ],
      });
    expect(deadLetterTopic.messages.map((m) => m.key)).toEqual(['WH-CN:SKU-Z', 'WH-CN:SKU-Z']);
    expect(await skippedBy()).toEqual({ [EU]: 3, [US]: 3 });
  });
});
