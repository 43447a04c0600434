/**
 * One connector runtime on the real stack (Kafka, registry, Postgres) with fake adapters:
 * a unique system id, its own topics and Postgres schema, so test files never share state.
 */
import { randomBytes } from 'node:crypto';
import {
  createEvent,
  systemEventIdentity,
  valueSubject,
  canonicalTopics,
  type CanonicalPayload,
  type EntityType,
  type EventIdentity,
} from '@hub/contracts';
import {
  createKafkaClient,
  createProducer,
  createSchemaRegistrySerde,
  encodeHubHeaders,
  type KafkaClient,
  type Producer,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import { createLogger, createMetrics, createRegistry, type HubMetrics } from '@hub/observability';
import { parsePolicy, type OwnershipPolicy } from '@hub/ownership';
import {
  createTestSchema,
  testEndpoints,
  testKafka,
  uniqueName,
  type TestSchema,
} from '@hub/testing';
import type { AnyCanonicalEvent, ReadAdapter, WriteAdapter } from '../adapter/erp-adapter';
import { connectorTopics, type ConnectorTopics } from '../runtime/connector-topics';
import type { ConnectorRuntime } from '../runtime/connector-runtime-options';
import { createConnectorRuntime } from '../runtime/create-connector-runtime';
import {
  connectorRuntimeSettings,
  type ConnectorRuntimeSettings,
} from '../settings/connector-runtime-settings';
import { defineConfig } from '@hub/config';

const settingsDefinition = defineConfig({ connector: connectorRuntimeSettings });

export interface HarnessOptions {
  readonly env?: Readonly<Record<string, string>>;
}

export class RuntimeHarness {
  readonly system = `crt-${randomBytes(4).toString('hex')}`;
  readonly source = `crt-src-${randomBytes(4).toString('hex')}`;
  readonly policy: OwnershipPolicy;
  readonly topics: ConnectorTopics;
  readonly serde: SchemaRegistrySerde;
  readonly client: KafkaClient;
  readonly identity: EventIdentity = systemEventIdentity;
  metrics: HubMetrics = createMetrics(createRegistry());
  private producer: Producer | undefined;
  private schema: TestSchema | undefined;
  private readonly running: ConnectorRuntime[] = [];

  constructor() {
    // The runtime's system receives inventory levels and receipts and owns purchase orders, like Odoo.
    this.policy = parsePolicy({
      systems: [
        { id: this.system, kind: 'odoo' },
        { id: this.source, kind: 'wms' },
      ],
      entityTypes: [
        { type: 'inventory-level', owner: this.source, receivers: [this.system] },
        { type: 'goods-receipt', owner: this.source, receivers: [this.system] },
        { type: 'purchase-order', owner: this.system, receivers: [this.source] },
      ],
    });
    const name = (what: string): string => uniqueName(`crt-${what}`);
    this.topics = connectorTopics(this.system, {
      canonical: {
        'inventory-level': name('inventory'),
        'goods-receipt': name('receipt'),
        'purchase-order': name('po'),
      },
      sourceNotification: name('notification'),
      deliveryOutcome: name('outcome'),
      deadLetter: name('dlq'),
      // Its own control topic: close() deletes every topic named here.
      control: name('control'),
    });
    const endpoints = testEndpoints();
    this.serde = createSchemaRegistrySerde({ url: endpoints.schemaRegistryUrl });
    this.client = createKafkaClient({
      brokers: [endpoints.kafkaBrokers],
      clientId: uniqueName('crt'),
      logger: createLogger({ service: 'crt-kafka', level: 'silent' }),
    });
  }

  settings(env: Readonly<Record<string, string>> = {}): ConnectorRuntimeSettings {
    return settingsDefinition.load({
      CONNECTOR_SYSTEM_ID: this.system,
      CONNECTOR_SWEEP_MODE: 'off',
      CONNECTOR_LEASE: '2s',
      ...env,
    }).connector;
  }

  async databaseSchema(): Promise<TestSchema> {
    this.schema ??= await createTestSchema('crt');
    return this.schema;
  }

  async start(
    adapters: { write?: WriteAdapter; read?: ReadAdapter },
    env: Readonly<Record<string, string>> = {},
  ): Promise<ConnectorRuntime> {
    const schema = await this.databaseSchema();
    const runtime = createConnectorRuntime({
      system: this.system,
      ...adapters,
      policy: this.policy,
      kafka: this.client,
      serde: this.serde,
      database: { url: schema.databaseUrl, schema: schema.schema },
      settings: this.settings(env),
      logger: createLogger({
        service: 'crt',
        level: env['LOG_LEVEL'] === undefined ? 'silent' : 'info',
      }),
      metrics: this.metrics,
      identity: this.identity,
      topics: this.topics,
      ensureTopics: { partitions: 3, replicationFactor: 1 },
    });
    this.running.push(runtime);
    await runtime.start();
    return runtime;
  }

  /** A canonical event from the source system, as the ingress would publish it. */
  event<T extends EntityType>(
    entityType: T,
    sourceRecordId: string,
    sourceVersion: number,
    payload: CanonicalPayload<T>,
  ): AnyCanonicalEvent {
    return createEvent(
      entityType,
      { sourceSystem: this.source, sourceRecordId, sourceVersion, payload },
      this.identity,
    ) as AnyCanonicalEvent;
  }

  inventory(sku: string, quantity: string, sourceVersion: number): AnyCanonicalEvent {
    return this.event('inventory-level', `${sku}@${sourceVersion}`, sourceVersion, {
      sku,
      warehouse: 'WH1',
      quantityOnHand: quantity,
      unitOfMeasure: 'PCS',
      asOf: sourceVersion,
    });
  }

  /** Publishes events to their canonical topics (or `topic`), with hub headers plus `extraHeaders`. */
  async publish(
    events: readonly AnyCanonicalEvent[],
    options: { topic?: string; extraHeaders?: Readonly<Record<string, string>> } = {},
  ): Promise<void> {
    const producer = await this.connectedProducer();
    await producer.send(
      events.map((event) => ({
        topic: options.topic ?? this.topics.canonical[event.entityType],
        key: event.entityKey,
        value: this.serde.encode(valueSubject(canonicalTopics[event.entityType]), event),
        headers: {
          ...encodeHubHeaders({
            correlationId: event.correlationId,
            sourceSystem: event.sourceSystem,
            entityType: event.entityType,
            entityKey: event.entityKey,
            sourceVersion: event.sourceVersion,
            eventId: event.eventId,
          }),
          ...options.extraHeaders,
        },
      })),
    );
  }

  async connectedProducer(): Promise<Producer> {
    if (this.producer === undefined) {
      this.producer = createProducer(this.client);
      await this.producer.connect();
    }
    return this.producer;
  }

  async decode(value: Buffer | null): Promise<Record<string, unknown>> {
    return (await this.serde.decode(value)) as Record<string, unknown>;
  }

  /** Stops every runtime, drops the schema and deletes the topics (all unique to this harness). */
  async close(): Promise<void> {
    for (const runtime of this.running) await runtime.stop();
    await this.producer?.disconnect();
    await this.schema?.drop();
    if (this.running.length === 0) return;
    const admin = testKafka('crt-cleanup').admin();
    await admin.connect();
    try {
      const { canonical, ...others } = this.topics;
      await admin.deleteTopics({ topics: [...Object.values(canonical), ...Object.values(others)] });
    } finally {
      await admin.disconnect();
    }
  }
}
