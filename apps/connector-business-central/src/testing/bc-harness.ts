/**
 * The real connector-business-central app in-process against the local stack and the BC
 * simulator: a unique system id (and a policy naming it), its own topics and Postgres
 * schema per harness, so tests never share state. Publishes canonical events the way the
 * ingress does and reads what the connector published (TopicLog).
 */
import { randomBytes } from 'node:crypto';
import type { AnyCanonicalEvent, ConnectorApp } from '@hub/connector-runtime';
import {
  canonicalTopics,
  createEvent,
  systemEventIdentity,
  valueSubject,
  type DeliveryOutcomeEvent,
} from '@hub/contracts';
import {
  BC_DEFAULT_APP,
  BC_DEFAULT_TENANT,
  BusinessCentralSimulator,
  startErpSimulator,
  type BusinessCentralSimOptions,
  type ErpSimulator,
} from '@hub/erp-simulator';
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
import {
  createTestSchema,
  testEndpoints,
  uniqueName,
  type ConsumedMessage,
  type TestSchema,
} from '@hub/testing';
import { TopicLog } from './topic-log';
import { connectorBusinessCentralConfig } from '../app/connector-business-central.config';
import { createConnectorBusinessCentralApp } from '../app/create-connector-business-central-app';

export const WAREHOUSE = 'MAIN';

/** The standard seed: company CRONUS with locations MAIN and EAST, items 1896-S and 1900-S. */
export function bcSim(options: BusinessCentralSimOptions = {}): BusinessCentralSimulator {
  return new BusinessCentralSimulator({
    companies: [
      {
        name: 'CRONUS',
        locations: ['MAIN', 'EAST'],
        items: [{ number: '1896-S' }, { number: '1900-S' }],
        stock: { '1896-S': { MAIN: 4 } },
      },
    ],
    ...options,
  });
}

export function bcEnv(sim: ErpSimulator): Record<string, string> {
  return {
    BC_API_URL: `${sim.url}/bc/v2.0/${BC_DEFAULT_TENANT}/production`,
    BC_TENANT_ID: BC_DEFAULT_TENANT,
    BC_CLIENT_ID: BC_DEFAULT_APP.clientId,
    BC_CLIENT_SECRET: BC_DEFAULT_APP.clientSecret,
    BC_TOKEN_URL: `${sim.url}/bc/login/${BC_DEFAULT_TENANT}/oauth2/v2.0/token`,
    BC_COMPANY: 'CRONUS',
  };
}

export type PayloadOf<T extends AnyCanonicalEvent['entityType']> = Extract<
  AnyCanonicalEvent,
  { entityType: T }
>['payload'];

export function inventoryLevel(
  sku: string,
  quantityOnHand: string,
  asOf = Date.now(),
  warehouse = WAREHOUSE,
): AnyCanonicalEvent {
  return createEvent(
    'inventory-level',
    {
      sourceSystem: 'wms',
      sourceRecordId: `${warehouse}:${sku}`,
      sourceVersion: asOf,
      payload: { sku, warehouse, quantityOnHand, unitOfMeasure: 'PCS', asOf },
    },
    systemEventIdentity,
  );
}

export function goodsReceipt(
  poNumber: string,
  lines: [number, string, string][],
  receiptId = `R-${poNumber}`,
): AnyCanonicalEvent {
  const now = Date.now();
  return createEvent(
    'goods-receipt',
    {
      sourceSystem: 'wms',
      sourceRecordId: receiptId,
      sourceVersion: now,
      payload: {
        receiptId,
        poNumber,
        warehouse: WAREHOUSE,
        receivedAt: now,
        lines: lines.map(([poLineNumber, sku, quantityReceived]) => ({
          poLineNumber,
          sku,
          quantityReceived,
          unitOfMeasure: 'PCS',
        })),
      },
    },
    systemEventIdentity,
  );
}

export class BcHarness {
  private producer: Producer | undefined;

  private constructor(
    readonly system: string,
    readonly topics: ReturnType<typeof topicNames>,
    readonly sim: ErpSimulator,
    readonly bc: BusinessCentralSimulator,
    readonly app: ConnectorApp,
    private readonly schema: TestSchema,
    readonly log: TopicLog,
    readonly serde: SchemaRegistrySerde,
  ) {}

  /** Starts the simulator with `bc` and the app against it; a refused start closes both and rethrows. */
  static async start(
    bc: BusinessCentralSimulator,
    env: Readonly<Record<string, string>> = {},
  ): Promise<BcHarness> {
    const sim = await startErpSimulator({ modules: [bc] });
    const system = `bc-${randomBytes(4).toString('hex')}`;
    // Events come from `wms` (the fixtures' source); the system id and topics are the harness's own.
    const source = 'wms';
    const topics = topicNames();
    const schema = await createTestSchema('bc_conn');
    const endpoints = testEndpoints();
    const config = connectorBusinessCentralConfig.load({
      ...bcEnv(sim),
      KAFKA_BROKERS: endpoints.kafkaBrokers,
      KAFKA_CLIENT_ID: uniqueName('connector-bc'),
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
        { id: system, kind: 'business-central' },
        { id: source, kind: 'wms' },
      ],
      entityTypes: [
        { type: 'inventory-level', owner: source, receivers: [system] },
        { type: 'goods-receipt', owner: source, receivers: [system] },
        { type: 'purchase-order', owner: system, receivers: [source] },
      ],
    });
    const app = createConnectorBusinessCentralApp(config, {
      policy,
      topics,
      ensureTopics: { partitions: 3, replicationFactor: 1 },
    });
    const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
    await registerContractCatalog(serde);
    try {
      await app.start();
    } catch (error) {
      await app.close();
      await sim.close();
      await schema.drop();
      throw error;
    }
    // After the start: the app creates the topics.
    const log = await TopicLog.start([
      topics.deliveryOutcome,
      topics.retry,
      topics.deadLetter,
      topics.canonical['purchase-order'],
    ]);
    const harness = new BcHarness(system, topics, sim, bc, app, schema, log, serde);
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    return harness;
  }

  async publish(events: readonly AnyCanonicalEvent[]): Promise<void> {
    if (this.producer === undefined) {
      const kafka = createKafkaClient({
        brokers: [testEndpoints().kafkaBrokers],
        clientId: uniqueName('bc-harness'),
        logger: createLogger({ service: 'bc-harness', level: 'silent' }),
      });
      this.producer = createProducer(kafka);
      await this.producer.connect();
    }
    await this.producer.send(
      events.map((event) => ({
        topic: this.topics.canonical[event.entityType],
        key: event.entityKey,
        value: this.serde.encode(valueSubject(canonicalTopics[event.entityType]), event),
        headers: encodeHubHeaders({ ...event }),
      })),
    );
  }

  /** Hands raw messages (from the retry topic) to the redelivery topic, as the retry scheduler would. */
  async redeliver(messages: readonly ConsumedMessage[]): Promise<void> {
    await this.producer?.send(
      messages.map((m) => ({
        topic: this.topics.redelivery,
        key: m.key,
        value: m.value,
        headers: { ...m.headers },
      })),
    );
  }

  /** The first `count` delivery outcomes, decoded. */
  async outcomes(count: number): Promise<DeliveryOutcomeEvent['payload'][]> {
    const messages = await this.log.atLeast(this.topics.deliveryOutcome, count);
    const decoded = await Promise.all(messages.map((m) => this.serde.decode(m.value)));
    return decoded.map((event) => (event as DeliveryOutcomeEvent).payload);
  }

  /** At least `count` purchase orders the connector published, decoded. */
  async purchaseOrders(count: number): Promise<PayloadOf<'purchase-order'>[]> {
    const messages = await this.log.atLeast(this.topics.canonical['purchase-order'], count);
    const decoded = await Promise.all(messages.map((m) => this.serde.decode(m.value)));
    return decoded.map((event) => (event as { payload: PayloadOf<'purchase-order'> }).payload);
  }

  /** At least `count` messages of the retry topic. */
  retries(count: number): Promise<ConsumedMessage[]> {
    return this.log.atLeast(this.topics.retry, count);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.log.stop();
    await this.producer?.disconnect();
    await this.sim.close();
    await this.schema.drop();
  }
}

function topicNames() {
  return {
    canonical: {
      'inventory-level': uniqueName('bc-t-inventory'),
      'goods-receipt': uniqueName('bc-t-receipt'),
      'purchase-order': uniqueName('bc-t-po'),
    },
    sourceNotification: uniqueName('bc-t-notification'),
    deliveryOutcome: uniqueName('bc-t-outcome'),
    deadLetter: uniqueName('bc-t-dlq'),
    retry: uniqueName('bc-t-retry'),
    redelivery: uniqueName('bc-t-redelivery'),
  } as const;
}
