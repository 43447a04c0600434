/**
 * A connector app in-process against the real Kafka, registry and Postgres, with only the
 * ERP simulated: a unique system id (and a policy naming it), its own topics and Postgres
 * schema, so test files never share state. Publishes canonical events and source
 * notifications the way the ingress does, and hands retries back as the scheduler would.
 * A connector's harness is this bench plus its simulator and its app factory.
 */
import { randomBytes } from 'node:crypto';
import type {
  AnyCanonicalEvent,
  ConnectorApp,
  ConnectorTopicOverrides,
} from '@hub/connector-runtime';
import {
  buildEnvelope,
  canonicalTopics,
  correlationId,
  systemEventIdentity,
  topics as hubTopics,
  valueSubject,
  type EntityType,
  type SourceNotificationEvent,
  type SystemKind,
} from '@hub/contracts';
import {
  createKafkaClient,
  createProducer,
  createSchemaRegistrySerde,
  encodeHubHeaders,
  registerContractCatalog,
  type Producer,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import { createLogger } from '@hub/observability';
import { parsePolicy, type OwnershipPolicy } from '@hub/ownership';
import { createTestSchema, testEndpoints, uniqueName, type TestSchema } from '@hub/testing';

/** What the bench needs of a simulator: an in-process one or one in another process. */
export interface SimulatorLike {
  readonly url: string;
  close(): Promise<void>;
}

export interface BenchTopics {
  readonly canonical: Readonly<Record<EntityType, string>>;
  readonly sourceNotification: string;
  readonly deliveryOutcome: string;
  readonly deadLetter: string;
  readonly retry: string;
  readonly redelivery: string;
}

/** What the app factory gets: the hub settings for this bench and the test seams. */
export interface BenchAppInput {
  /** KAFKA_*, SCHEMA_REGISTRY_URL, DATABASE_URL, CONNECTOR_* and LOG_LEVEL for this bench. */
  readonly env: Readonly<Record<string, string>>;
  readonly policy: OwnershipPolicy;
  readonly topics: ConnectorTopicOverrides;
  readonly ensureTopics: { readonly partitions: number; readonly replicationFactor: number };
}

export interface BenchOptions<A extends ConnectorApp, S extends SimulatorLike> {
  /** The system's kind in the policy (`odoo`, `business-central`, `sap`, ...). */
  readonly kind: SystemKind;
  /** A short prefix for ids and topic names. */
  readonly name: string;
  readonly simulator: S;
  /** Builds the app from the bench's settings merged over the protocol's own. */
  readonly createApp: (input: BenchAppInput) => A;
  /** Settings over the bench's defaults (sweep off, short lease, no rate limit). */
  readonly env?: Readonly<Record<string, string>>;
  readonly partitions?: number;
}

function benchTopics(name: string): BenchTopics {
  return {
    canonical: {
      'inventory-level': uniqueName(`${name}-t-inventory`),
      'goods-receipt': uniqueName(`${name}-t-receipt`),
      'purchase-order': uniqueName(`${name}-t-po`),
    },
    sourceNotification: uniqueName(`${name}-t-notification`),
    deliveryOutcome: uniqueName(`${name}-t-outcome`),
    deadLetter: uniqueName(`${name}-t-dlq`),
    retry: uniqueName(`${name}-t-retry`),
    redelivery: uniqueName(`${name}-t-redelivery`),
  };
}

/** The default story: the WMS owns levels and receipts, the ERP owns purchase orders. */
function benchPolicy(kind: SystemKind, system: string, source: string): OwnershipPolicy {
  return parsePolicy({
    systems: [
      { id: system, kind },
      { id: source, kind: 'wms' },
    ],
    entityTypes: [
      { type: 'inventory-level', owner: source, receivers: [system] },
      { type: 'goods-receipt', owner: source, receivers: [system] },
      { type: 'purchase-order', owner: system, receivers: [source] },
    ],
  });
}

export interface SourceNotice {
  readonly entityType: EntityType;
  /** Where the connector reads the record (the ingress's `resource`); also the key. */
  readonly resource: string;
  /** The source's version stamp (epoch ms); default now. */
  readonly version?: number;
  readonly changeKind?: 'created' | 'updated' | 'deleted';
  readonly sourceEventId?: string | null;
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface RawMessage {
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

/** What a bench is made of; `ConnectorBench.openAs` hands it to a subclass's constructor. */
export interface BenchParts<A extends ConnectorApp, S extends SimulatorLike> {
  readonly system: string;
  readonly source: string;
  readonly topics: BenchTopics;
  readonly sim: S;
  readonly app: A;
  readonly schema: TestSchema;
}

export class ConnectorBench<A extends ConnectorApp, S extends SimulatorLike> {
  readonly serde: SchemaRegistrySerde = createSchemaRegistrySerde({
    url: testEndpoints().schemaRegistryUrl,
  });
  readonly system: string;
  /** The WMS system id the policy names as the owner of levels and receipts. */
  readonly source: string;
  readonly topics: BenchTopics;
  readonly sim: S;
  readonly app: A;
  private readonly schema: TestSchema;
  private readonly kafka = createKafkaClient({
    brokers: [testEndpoints().kafkaBrokers],
    clientId: uniqueName('bench'),
    logger: createLogger({ service: 'bench', level: 'silent' }),
  });
  private producer: Producer | undefined;

  constructor(parts: BenchParts<A, S>) {
    ({ system: this.system, source: this.source, topics: this.topics } = parts);
    ({ sim: this.sim, app: this.app, schema: this.schema } = parts);
  }

  /** Starts the app; a refused start closes what the bench opened (not the simulator) and rethrows. */
  static open<A extends ConnectorApp, S extends SimulatorLike>(
    options: BenchOptions<A, S>,
  ): Promise<ConnectorBench<A, S>> {
    return ConnectorBench.openAs(options, (parts) => new ConnectorBench(parts));
  }

  /** `open`, for a connector's own bench class (extra helpers such as its notification shape). */
  static async openAs<
    A extends ConnectorApp,
    S extends SimulatorLike,
    B extends ConnectorBench<A, S>,
  >(options: BenchOptions<A, S>, make: (parts: BenchParts<A, S>) => B): Promise<B> {
    const system = `${options.name}-${randomBytes(4).toString('hex')}`;
    const source = `wms-${randomBytes(4).toString('hex')}`;
    const topics = benchTopics(options.name);
    const schema = await createTestSchema(`${options.name.replace(/-/g, '_')}_conn`);
    const endpoints = testEndpoints();
    const app = options.createApp({
      env: {
        KAFKA_BROKERS: endpoints.kafkaBrokers,
        KAFKA_CLIENT_ID: uniqueName(`connector-${options.name}`),
        SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
        DATABASE_URL: endpoints.databaseUrl,
        CONNECTOR_SYSTEM_ID: system,
        CONNECTOR_DATABASE_SCHEMA: schema.schema,
        CONNECTOR_SWEEP_MODE: 'off',
        CONNECTOR_LEASE: '2s',
        CONNECTOR_RATE_LIMIT_RPS: '1000',
        CONNECTOR_RATE_LIMIT_BURST: '1000',
        CONNECTOR_NOT_FOUND_RETRY: '50ms,100ms',
        LOG_LEVEL: 'silent',
        ...options.env,
      },
      policy: benchPolicy(options.kind, system, source),
      topics,
      ensureTopics: { partitions: options.partitions ?? 3, replicationFactor: 1 },
    });
    const bench = make({ system, source, topics, sim: options.simulator, app, schema });
    await registerContractCatalog(bench.serde);
    try {
      await app.start();
    } catch (error) {
      await app.close();
      await schema.drop();
      throw error;
    }
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    return bench;
  }

  /** Publishes canonical events as the ingress does: catalog subject, hub headers, entity key. */
  async publish(events: readonly AnyCanonicalEvent[]): Promise<void> {
    const producer = await this.connectedProducer();
    await producer.send(
      events.map((event) => ({
        topic: this.topics.canonical[event.entityType],
        key: event.entityKey,
        value: this.serde.encode(valueSubject(canonicalTopics[event.entityType]), event),
        headers: encodeHubHeaders({
          correlationId: event.correlationId,
          sourceSystem: event.sourceSystem,
          entityType: event.entityType,
          entityKey: event.entityKey,
          sourceVersion: event.sourceVersion,
          eventId: event.eventId,
        }),
      })),
    );
  }

  /** A thin source notification about one record, as the ingress publishes it. */
  async notify(notice: SourceNotice): Promise<void> {
    const now = Date.now();
    const version = notice.version ?? now;
    const envelope = buildEnvelope(
      {
        correlationId: correlationId({
          sourceSystem: this.system,
          entityType: notice.entityType,
          sourceRecordId: notice.resource,
          sourceVersion: version,
          payloadDigest: randomBytes(32).toString('hex'),
        }),
        entityType: notice.entityType,
        entityKey: notice.resource,
        sourceSystem: this.system,
        sourceRecordId: notice.resource,
        sourceVersion: version,
      },
      systemEventIdentity,
    );
    const notification: SourceNotificationEvent = {
      ...envelope,
      payload: {
        changeKind: notice.changeKind ?? 'updated',
        resource: notice.resource,
        sourceEventId: notice.sourceEventId ?? null,
        receivedAt: now,
        attributes: { ...notice.attributes },
      },
    };
    const producer = await this.connectedProducer();
    await producer.send([
      {
        topic: this.topics.sourceNotification,
        key: notice.resource,
        value: this.serde.encode(valueSubject(hubTopics.sourceNotification), notification),
        headers: encodeHubHeaders({ ...envelope }),
      },
    ]);
  }

  /** Hands raw messages (e.g. from the retry topic) to the redelivery topic, as the retry scheduler would. */
  async redeliver(messages: readonly RawMessage[]): Promise<void> {
    const producer = await this.connectedProducer();
    await producer.send(
      messages.map((message) => ({
        topic: this.topics.redelivery,
        key: message.key,
        value: message.value,
        headers: { ...message.headers },
      })),
    );
  }

  decode(value: Buffer | null): Promise<Record<string, unknown>> {
    return this.serde.decode(value) as Promise<Record<string, unknown>>;
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer === undefined) {
      this.producer = createProducer(this.kafka);
      await this.producer.connect();
    }
    return this.producer;
  }

  /** Closes the app, the producer, the simulator and the schema. */
  async close(): Promise<void> {
    await this.app.close();
    await this.producer?.disconnect();
    await this.sim.close();
    await this.schema.drop();
  }
}
