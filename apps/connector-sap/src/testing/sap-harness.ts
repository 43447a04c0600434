/**
 * The real connector-sap app in-process against the local stack and the SAP simulator: a
 * unique system id (and policy naming it), its own topics and Postgres schema, so test files
 * never share state. Publishes canonical events and SAP source notifications the way the
 * ingress does.
 */
import { randomBytes } from 'node:crypto';
import type { AnyCanonicalEvent } from '@hub/connector-runtime';
import {
  buildEnvelope,
  canonicalTopics,
  correlationId,
  payloadDigest,
  systemEventIdentity,
  topics as hubTopics,
  valueSubject,
  type SourceNotificationEvent,
} from '@hub/contracts';
import {
  createKafkaClient,
  createProducer,
  createSchemaRegistrySerde,
  encodeHubHeaders,
  registerContractCatalog,
  type Producer,
} from '@hub/messaging';
import { createLogger } from '@hub/observability';
import { parsePolicy } from '@hub/ownership';
import { createTestSchema, testEndpoints, uniqueName, type TestSchema } from '@hub/testing';
import { connectorSapConfig } from '../app/connector-sap.config';
import { createConnectorSapApp, type ConnectorSapApp } from '../app/create-connector-sap-app';
import { sapEnv, startSapSim, type SapSim } from './sap-sim-fixture';

function testTopicNames() {
  return {
    canonical: {
      'inventory-level': uniqueName('sap-t-inventory'),
      'goods-receipt': uniqueName('sap-t-receipt'),
      'purchase-order': uniqueName('sap-t-po'),
    },
    sourceNotification: uniqueName('sap-t-notification'),
    deliveryOutcome: uniqueName('sap-t-outcome'),
    deadLetter: uniqueName('sap-t-dlq'),
    retry: uniqueName('sap-t-retry'),
    redelivery: uniqueName('sap-t-redelivery'),
  } as const;
}

export type SapTestTopics = ReturnType<typeof testTopicNames>;

/** A business event as SAP sends it (CloudEvents 1.0, key-only data). */
export interface SapCloudEvent {
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly time?: string;
  readonly data: { readonly PurchaseOrder: string };
}

export class SapHarness {
  readonly serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
  private readonly kafka = createKafkaClient({
    brokers: [testEndpoints().kafkaBrokers],
    clientId: uniqueName('sap-harness'),
    logger: createLogger({ service: 'sap-harness', level: 'silent' }),
  });
  private producer: Producer | undefined;

  private current: ConnectorSapApp;

  private constructor(
    readonly system: string,
    readonly source: string,
    readonly topics: SapTestTopics,
    readonly sim: SapSim,
    private readonly create: () => ConnectorSapApp,
    private readonly schema: TestSchema,
  ) {
    this.current = create();
  }

  get app(): ConnectorSapApp {
    return this.current;
  }

  /**
   * Replaces the running app by a new one on the same system id, topics and Postgres schema,
   * as a replacement process would take over after the first one died.
   */
  async restart(): Promise<void> {
    await this.current.close();
    this.current = this.create();
    await this.current.start();
  }

  static async start(
    env: Readonly<Record<string, string>> = {},
    sim?: SapSim,
  ): Promise<SapHarness> {
    const simulator = sim ?? (await startSapSim());
    const system = `sap-${randomBytes(4).toString('hex')}`;
    const source = `wms-${randomBytes(4).toString('hex')}`;
    const topics = testTopicNames();
    const schema = await createTestSchema('sap_conn');
    const endpoints = testEndpoints();
    const config = connectorSapConfig.load({
      ...sapEnv(simulator),
      KAFKA_BROKERS: endpoints.kafkaBrokers,
      KAFKA_CLIENT_ID: uniqueName('connector-sap'),
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
        { id: system, kind: 'sap' },
        { id: source, kind: 'wms' },
      ],
      entityTypes: [
        { type: 'inventory-level', owner: source, receivers: [system] },
        { type: 'goods-receipt', owner: source, receivers: [system] },
        { type: 'purchase-order', owner: system, receivers: [source] },
      ],
    });
    const create = () =>
      createConnectorSapApp(config, {
        policy,
        topics,
        ensureTopics: { partitions: 3, replicationFactor: 1 },
      });
    const harness = new SapHarness(system, source, topics, simulator, create, schema);
    const { app } = harness;
    await registerContractCatalog(harness.serde);
    try {
      await app.start();
    } catch (error) {
      await app.close();
      await schema.drop();
      await simulator.close();
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
   * An SAP business event as the ingress publishes it (`/webhooks/sap/:systemId`): keyed by
   * the PO number; the correlation id digests the event's source, id, type and data, so a
   * re-sent event gets the same one; the version is the event time.
   */
  async notify(event: SapCloudEvent): Promise<void> {
    const receivedAt = Date.now();
    const version = event.time === undefined ? receivedAt : Date.parse(event.time);
    const key = event.data.PurchaseOrder;
    const envelope = buildEnvelope(
      {
        correlationId: correlationId({
          sourceSystem: this.system,
          entityType: 'purchase-order',
          sourceRecordId: key,
          sourceVersion: version,
          payloadDigest: payloadDigest({
            source: event.source,
            id: event.id,
            type: event.type,
            data: event.data,
          }),
        }),
        entityType: 'purchase-order',
        entityKey: key,
        sourceSystem: this.system,
        sourceRecordId: key,
        sourceVersion: version,
      },
      systemEventIdentity,
    );
    const notification: SourceNotificationEvent = {
      ...envelope,
      payload: {
        changeKind: event.type.endsWith('.Created.v1') ? 'created' : 'updated',
        resource: key,
        sourceEventId: event.id,
        receivedAt,
        attributes: { ceType: event.type, ceSource: event.source },
      },
    };
    const producer = await this.connectedProducer();
    await producer.send([
      {
        topic: this.topics.sourceNotification,
        key,
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
      messages.map((m) => ({
        topic: this.topics.redelivery,
        key: m.key,
        value: m.value,
        headers: { ...m.headers },
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
