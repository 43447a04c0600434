/**
 * Boots the real connector-http in-process (admin routes on port 0) against the local
 * stack, with a fresh Postgres schema, a unique system id (so its retry and redelivery
 * topics are its own: hub.retry.<system>.v1) and private canonical, outcome and
 * dead-letter topics: other suites publish purchase orders on the shared broker too.
 * With `changeRequests`, the policy forwards inventory-level change requests to the system
 * and the change-request and inventory-level topics are private too.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  changeRequestTarget,
  redeliveryTopic,
  retryTopic,
  valueSubject,
  canonicalTopics,
  purchaseOrderEventSchema,
  schemaText,
  targetControlTopic,
  type CanonicalEvent,
} from '@hub/contracts';
import {
  createKafkaClient,
  createProducer,
  createSchemaRegistrySerde,
  createTopicAdmin,
  encodeHubHeaders,
  type OutgoingMessage,
  type Producer,
} from '@hub/messaging';
import {
  createTestSchema,
  testEndpoints,
  testKafka,
  uniqueName,
  type TestSchema,
} from '@hub/testing';
import { connectorHttpConfig } from '../app/connector-http.config';
import { createConnectorHttpApp, type ConnectorHttpApp } from '../app/create-connector-http-app';
import type { ChangeRequestTopicOverrides } from '../change-requests/change-request-topics';

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

export interface HarnessTopics {
  readonly purchaseOrder: string;
  readonly inventoryLevel: string;
  readonly changeRequest: string;
  /** The change requests' retry and redelivery topics (target <system>-change-requests). */
  readonly changeRequestRetry: string;
  readonly changeRequestRedelivery: string;
  readonly outcomes: string;
  readonly deadLetters: string;
  readonly retry: string;
  readonly redelivery: string;
}

export interface RunningConnector {
  readonly url: string;
  readonly system: string;
  readonly topics: HarnessTopics;
  readonly connector: ConnectorHttpApp;
  /** The connector's Postgres schema (its own tables, the runtime's and the idempotency store). */
  readonly schema: string;
  /** Publishes a canonical purchase order onto the (private) canonical topic, as the Odoo connector would. */
  publish(event: CanonicalEvent<'purchase-order'>): Promise<void>;
  /** Produces raw messages (e.g. onto the redelivery topic, as the retry scheduler would). */
  send(messages: readonly OutgoingMessage[]): Promise<void>;
  /** Calls an admin route with the admin token. */
  admin(method: 'GET' | 'POST', path: string): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

function writePolicy(system: string, changeRequests: boolean): string {
  const path = join(tmpdir(), `${uniqueName('connector-http-policy')}.yaml`);
  writeFileSync(
    path,
    [
      'systems:',
      `  - { id: ${system}, kind: wms }`,
      '  - { id: odoo, kind: odoo }',
      'entityTypes:',
      `  - { type: inventory-level, owner: ${system}, receivers: [odoo], changeRequests: ${String(changeRequests)} }`,
      `  - { type: goods-receipt, owner: ${system}, receivers: [odoo] }`,
      `  - { type: purchase-order, owner: odoo, receivers: [${system}] }`,
      '',
    ].join('\n'),
  );
  return path;
}

export async function startConnector(
  endpoints: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string>> = {},
  { changeRequests = false }: { changeRequests?: boolean } = {},
): Promise<RunningConnector> {
  const system = uniqueName('wms');
  const requestTarget = changeRequestTarget(system);
  const topics: HarnessTopics = {
    purchaseOrder: uniqueName('connector-http-po'),
    inventoryLevel: uniqueName('connector-http-il'),
    changeRequest: uniqueName('connector-http-cr'),
    changeRequestRetry: retryTopic(requestTarget),
    changeRequestRedelivery: redeliveryTopic(requestTarget),
    outcomes: uniqueName('connector-http-outcomes'),
    deadLetters: uniqueName('connector-http-dlq'),
    retry: retryTopic(system),
    redelivery: redeliveryTopic(system),
  };
  const stack = testEndpoints();
  const kafka = createKafkaClient({
    brokers: [stack.kafkaBrokers],
    clientId: uniqueName('connector-http-test'),
  });
  const admin = createTopicAdmin(kafka);
  try {
    // The control topic is the shared one (never deleted here): every runtime reads it at start.
    await admin.ensureTopics(
      [...topicNames(topics), targetControlTopic].map((name) => ({
        name,
        partitions: 1,
        replicationFactor: 1,
      })),
    );
  } finally {
    await admin.close();
  }
  const policyPath = writePolicy(system, changeRequests);
  const schema = await createTestSchema('connector_http');
  const overrides: ChangeRequestTopicOverrides = {
    canonical: { 'purchase-order': topics.purchaseOrder, 'inventory-level': topics.inventoryLevel },
    changeRequest: topics.changeRequest,
    deliveryOutcome: topics.outcomes,
    deadLetter: topics.deadLetters,
  };
  const config = connectorHttpConfig.load({
    KAFKA_BROKERS: stack.kafkaBrokers,
    SCHEMA_REGISTRY_URL: stack.schemaRegistryUrl,
    DATABASE_URL: stack.databaseUrl,
    CONNECTOR_DATABASE_SCHEMA: schema.schema,
    HTTP_CONNECTOR_SYSTEM_ID: system,
    HTTP_CONNECTOR_ENDPOINTS: JSON.stringify(endpoints),
    HTTP_CONNECTOR_ADMIN_TOKEN: ADMIN_TOKEN,
    OWNERSHIP_POLICY_PATH: policyPath,
    LOG_LEVEL: 'silent',
    ...env,
  });
  let connector: ConnectorHttpApp;
  try {
    connector = await createConnectorHttpApp(config, { topics: overrides });
  } catch (error) {
    await cleanUp(schema, topics, policyPath);
    throw error;
  }
  await connector.app.listen({ port: 0, host: '127.0.0.1' });
  const url = (await connector.app.getUrl()).replace('[::1]', '127.0.0.1');
  const serde = createSchemaRegistrySerde({ url: stack.schemaRegistryUrl });
  const subject = valueSubject(canonicalTopics['purchase-order']);
  await serde.register(
    subject,
    JSON.parse(schemaText(purchaseOrderEventSchema)) as Readonly<Record<string, unknown>>,
  );
  const producer: Producer = createProducer(kafka);
  await producer.connect();
  return {
    url,
    system,
    topics,
    connector,
    schema: schema.schema,
    publish: async (event) => {
      await producer.send([
        {
          topic: topics.purchaseOrder,
          key: event.entityKey,
          value: serde.encode(subject, event),
          headers: encodeHubHeaders(event),
        },
      ]);
    },
    send: (messages) => producer.send(messages),
    admin: async (method, path) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
    },
    stop: async () => {
      await producer.disconnect();
      await connector.close();
      await cleanUp(schema, topics, policyPath);
    },
  };
}

function topicNames(topics: HarnessTopics): string[] {
  return [
    topics.purchaseOrder,
    topics.inventoryLevel,
    topics.changeRequest,
    topics.changeRequestRetry,
    topics.changeRequestRedelivery,
    topics.outcomes,
    topics.deadLetters,
    topics.retry,
    topics.redelivery,
  ];
}

async function cleanUp(
  schema: TestSchema,
  topics: HarnessTopics,
  policyPath: string,
): Promise<void> {
  rmSync(policyPath, { force: true });
  await schema.drop();
  const admin = testKafka('connector-http-cleanup').admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: topicNames(topics) });
  } finally {
    await admin.disconnect();
  }
}
