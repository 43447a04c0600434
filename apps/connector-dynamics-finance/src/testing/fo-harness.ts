/**
 * The real connector-dynamics-finance app in-process against the local stack and the F&O
 * simulator: a unique system id (and policy naming it), its own topics and Postgres
 * schema, so test files never share state. Publishes events the way the ingress does.
 */
import { randomBytes, randomUUID } from 'node:crypto';
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
  DEFAULT_FO_ENTRA_APP,
  DynamicsFinanceSimulator,
  startErpSimulator,
  type DynamicsFinanceSimOptions,
  type ErpSimulator,
} from '@hub/erp-simulator';
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
import { connectorDynamicsFinanceConfig } from '../app/connector-dynamics-finance.config';
import {
  createConnectorDynamicsFinanceApp,
  type ConnectorDynamicsFinanceApp,
} from '../app/create-connector-dynamics-finance-app';

function testTopicNames() {
  return {
    canonical: {
      'inventory-level': uniqueName('fo-t-inventory'),
      'goods-receipt': uniqueName('fo-t-receipt'),
      'purchase-order': uniqueName('fo-t-po'),
    },
    sourceNotification: uniqueName('fo-t-notification'),
    deliveryOutcome: uniqueName('fo-t-outcome'),
    deadLetter: uniqueName('fo-t-dlq'),
    retry: uniqueName('fo-t-retry'),
    redelivery: uniqueName('fo-t-redelivery'),
  } as const;
}

export type TestTopicNames = ReturnType<typeof testTopicNames>;

/** The settings that point the connector at the simulator's F&O and Entra ID. */
export function foEnv(sim: { url: string }): Record<string, string> {
  return {
    DYNAMICS_FINANCE_URL: `${sim.url}/fo`,
    DYNAMICS_FINANCE_TENANT_ID: DEFAULT_FO_ENTRA_APP.tenantId,
    DYNAMICS_FINANCE_CLIENT_ID: DEFAULT_FO_ENTRA_APP.clientId,
    DYNAMICS_FINANCE_CLIENT_SECRET: DEFAULT_FO_ENTRA_APP.clientSecret,
    DYNAMICS_FINANCE_LOGIN_ROUTE: `${sim.url}/fo/entra`,
    DYNAMICS_FINANCE_LEGAL_ENTITY: 'usmf',
    DYNAMICS_FINANCE_STARTUP_CHECK_TIMEOUT: '1s',
  };
}

export class FoHarness {
  readonly serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
  private readonly kafka = createKafkaClient({
    brokers: [testEndpoints().kafkaBrokers],
    clientId: uniqueName('fo-harness'),
    logger: createLogger({ service: 'fo-harness', level: 'silent' }),
  });
  private producer: Producer | undefined;

  private constructor(
    readonly system: string,
    readonly source: string,
    readonly topics: TestTopicNames,
    readonly sim: ErpSimulator,
    readonly fo: DynamicsFinanceSimulator,
    readonly app: ConnectorDynamicsFinanceApp,
    private readonly schema: TestSchema,
  ) {}

  static async start(
    env: Readonly<Record<string, string>> = {},
    simOptions: DynamicsFinanceSimOptions = {},
  ): Promise<FoHarness> {
    const fo = new DynamicsFinanceSimulator(simOptions);
    const sim = await startErpSimulator({ modules: [fo] });
    const system = `fo-${randomBytes(4).toString('hex')}`;
    const source = `wms-${randomBytes(4).toString('hex')}`;
    const topics = testTopicNames();
    const schema = await createTestSchema('fo_conn');
    const endpoints = testEndpoints();
    const config = connectorDynamicsFinanceConfig.load({
      ...foEnv(sim),
      KAFKA_BROKERS: endpoints.kafkaBrokers,
      KAFKA_CLIENT_ID: uniqueName('connector-fo'),
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
        { id: system, kind: 'dynamics-finance' },
        { id: source, kind: 'wms' },
      ],
      entityTypes: [
        { type: 'inventory-level', owner: source, receivers: [system] },
        { type: 'goods-receipt', owner: source, receivers: [system] },
        { type: 'purchase-order', owner: system, receivers: [source] },
      ],
    });
    const app = createConnectorDynamicsFinanceApp(config, {
      policy,
      topics,
      ensureTopics: { partitions: 3, replicationFactor: 1 },
    });
    const harness = new FoHarness(system, source, topics, sim, fo, app, schema);
    await registerContractCatalog(harness.serde);
    try {
      await app.start();
    } catch (error) {
      await app.close();
      await sim.close();
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
        headers: encodeHubHeaders({ ...event }),
      })),
    );
  }

  /** "Purchase order confirmed" as the ingress publishes it: one notification per delivery. */
  async notifyConfirmed(
    poNumber: string,
    controlNumber: number,
    legalEntity = 'usmf',
  ): Promise<void> {
    const resource = `PurchaseOrderHeadersV2(dataAreaId='${legalEntity}',PurchaseOrderNumber='${poNumber}')`;
    const now = Date.now();
    const facts = {
      legalEntity,
      poNumber,
      controlNumber,
      businessEventId: 'PurchaseOrderConfirmedBusinessEvent',
    };
    const envelope = buildEnvelope(
      {
        correlationId: correlationId({
          sourceSystem: this.system,
          entityType: 'purchase-order',
          sourceRecordId: resource,
          sourceVersion: now,
          payloadDigest: payloadDigest(facts),
        }),
        entityType: 'purchase-order',
        entityKey: resource,
        sourceSystem: this.system,
        sourceRecordId: resource,
        sourceVersion: now,
      },
      systemEventIdentity,
    );
    const notification: SourceNotificationEvent = {
      ...envelope,
      payload: {
        changeKind: 'updated',
        resource,
        sourceEventId: randomUUID(),
        receivedAt: now,
        attributes: {
          businessEventId: facts.businessEventId,
          legalEntity,
          purchaseOrderNumber: poNumber,
          controlNumber: String(controlNumber),
        },
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
