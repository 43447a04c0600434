/**
 * The real connector-odoo app in-process against the local stack and the ERP simulator:
 * a unique system id (and policy naming it), its own topics and Postgres schema, so test
 * files never share state. Publishes events the way the ingress does.
 */
import { randomBytes } from 'node:crypto';
import type { AnyCanonicalEvent } from '@hub/connector-runtime';
import {
  buildEnvelope,
  canonicalTopics,
  correlationId,
  systemEventIdentity,
  topics as hubTopics,
  valueSubject,
  type SourceNotificationEvent,
} from '@hub/contracts';
import type { ErpSimulator } from '@hub/erp-simulator';
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
import { parsePolicy } from '@hub/ownership';
import { createTestSchema, testEndpoints, uniqueName, type TestSchema } from '@hub/testing';
import { connectorOdooConfig } from '../app/connector-odoo.config';
import { createConnectorOdooApp, type ConnectorOdooApp } from '../app/create-connector-odoo-app';
import { odooEnv, startOdooSim } from './odoo-sim-fixture';

function testTopicNames() {
  return {
    canonical: {
      'inventory-level': uniqueName('odoo-t-inventory'),
      'goods-receipt': uniqueName('odoo-t-receipt'),
      'purchase-order': uniqueName('odoo-t-po'),
    },
    sourceNotification: uniqueName('odoo-t-notification'),
    deliveryOutcome: uniqueName('odoo-t-outcome'),
    deadLetter: uniqueName('odoo-t-dlq'),
    retry: uniqueName('odoo-t-retry'),
    redelivery: uniqueName('odoo-t-redelivery'),
  } as const;
}

export type TestTopicNames = ReturnType<typeof testTopicNames>;

/** What the harness needs of a simulator: an in-process ErpSimulator or one in another process. */
export interface SimulatorLike {
  readonly url: string;
  close(): Promise<void>;
}

export class ConnectorHarness<S extends SimulatorLike = ErpSimulator> {
  readonly serde: SchemaRegistrySerde = createSchemaRegistrySerde({
    url: testEndpoints().schemaRegistryUrl,
  });
  private readonly kafka = createKafkaClient({
    brokers: [testEndpoints().kafkaBrokers],
    clientId: uniqueName('odoo-harness'),
    logger: createLogger({ service: 'odoo-harness', level: 'silent' }),
  });
  private producer: Producer | undefined;

  private constructor(
    readonly system: string,
    readonly source: string,
    readonly topics: TestTopicNames,
    readonly sim: S,
    readonly app: ConnectorOdooApp,
    private readonly schema: TestSchema,
  ) {}

  /** The app against a fresh in-process simulator with the standard seed. */
  static async start(env: Readonly<Record<string, string>> = {}): Promise<ConnectorHarness> {
    return ConnectorHarness.startWith(await startOdooSim(), env);
  }

  /** The app against the given simulator (closed with the harness). */
  static async startWith<T extends SimulatorLike>(
    simulator: T,
    env: Readonly<Record<string, string>> = {},
    partitions = 3,
  ): Promise<ConnectorHarness<T>> {
    const system = `odoo-${randomBytes(4).toString('hex')}`;
    const source = `wms-${randomBytes(4).toString('hex')}`;
    const topics = testTopicNames();
    const schema = await createTestSchema('odoo_conn');
    const endpoints = testEndpoints();
    const config = connectorOdooConfig.load({
      ...odooEnv(simulator),
      KAFKA_BROKERS: endpoints.kafkaBrokers,
      KAFKA_CLIENT_ID: uniqueName('connector-odoo'),
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
      ...env,
    });
    const policy = parsePolicy({
      systems: [
        { id: system, kind: 'odoo' },
        { id: source, kind: 'wms' },
      ],
      entityTypes: [
        { type: 'inventory-level', owner: source, receivers: [system] },
        { type: 'goods-receipt', owner: source, receivers: [system] },
        { type: 'purchase-order', owner: system, receivers: [source] },
      ],
    });
    const app = createConnectorOdooApp(config, {
      policy,
      topics,
      ensureTopics: { partitions, replicationFactor: 1 },
    });
    const harness = new ConnectorHarness(system, source, topics, simulator, app, schema);
    await registerContractCatalog(harness.serde);
    try {
      await app.start();
    } catch (error) {
      // A refused start (e.g. Odoo lacks a field) leaves the simulator to the caller.
      await app.close();
      await schema.drop();
      throw error;
    }
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    return harness;
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

  /**
   * An Odoo webhook about a purchase order, as the ingress publishes it (`<model>/<id>`);
   * the version is the webhook's `write_date` (epoch ms) when given, else the time received.
   */
  async notifyPurchaseOrder(id: number, writeDate?: number): Promise<void> {
    const resource = `purchase.order/${id}`;
    const now = Date.now();
    const version = writeDate ?? now;
    const envelope = buildEnvelope(
      {
        correlationId: correlationId({
          sourceSystem: this.system,
          entityType: 'purchase-order',
          sourceRecordId: resource,
          sourceVersion: version,
          payloadDigest: randomBytes(32).toString('hex'),
        }),
        entityType: 'purchase-order',
        entityKey: resource,
        sourceSystem: this.system,
        sourceRecordId: resource,
        sourceVersion: version,
      },
      systemEventIdentity,
    );
    const notification: SourceNotificationEvent = {
      ...envelope,
      payload: {
        changeKind: 'updated',
        resource,
        sourceEventId: null,
        receivedAt: now,
        attributes: { model: 'purchase.order', action: 'Send Webhook Notification(#61)' },
      },
    };
    const producer = await this.connectedProducer();
    await producer.send([
      {
        topic: this.topics.sourceNotification,
        key: resource,
        value: this.serde.encode(valueSubject(hubTopics.sourceNotification), notification),
        headers: encodeHubHeaders({ ...envelope }),
      },
    ]);
  }

  /** Hands raw messages (e.g. from the retry topic) to the redelivery topic, as the retry scheduler would. */
  async redeliver(
    messages: readonly {
      key: string | null;
      value: Buffer | null;
      headers: Readonly<Record<string, string>>;
    }[],
  ): Promise<void> {
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

  async close(): Promise<void> {
    await this.app.close();
    await this.producer?.disconnect();
    await this.sim.close();
    await this.schema.drop();
  }
}
