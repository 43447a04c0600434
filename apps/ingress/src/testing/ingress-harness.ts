/** Boots the real ingress in-process on port 0 against the local stack, with a fresh Postgres schema. */
import { canonicalTopics, topics } from '@hub/contracts';
import { createKafkaClient, createTopicAdmin } from '@hub/messaging';
import { createTestSchema, testEndpoints, type TestSchema } from '@hub/testing';
import { ingressConfig } from '../app/ingress.config';
import { createIngressApp, type IngressApp } from '../app/create-ingress-app';

export const ODOO_TOKEN = 'odoo-url-token-0123456789abcdef';
export const WMS_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
/** The default policy's ERP; given a WMS-style secret so a test can try a reverse-direction write. */
export const ODOO_SECRET = 'whsec_dGVzdC1vZG9vLXNlY3JldC0xMjM0NTY3ODkw';

export interface RunningIngress {
  readonly url: string;
  /** Where the probes, /metrics and /docs answer: a port of their own with INGRESS_ADMIN_PORT, else `url`. */
  readonly adminUrl: string;
  readonly ingress: IngressApp;
  readonly schema: TestSchema;
  stop(): Promise<void>;
}

export async function ensureIngressTopics(): Promise<void> {
  const admin = createTopicAdmin(
    createKafkaClient({ brokers: [testEndpoints().kafkaBrokers], clientId: 'ingress-test' }),
  );
  try {
    const names = [
      ...Object.values(canonicalTopics),
      topics.changeRequest,
      topics.sourceNotification,
    ];
    await admin.ensureTopics(names.map((name) => ({ name, partitions: 3, replicationFactor: 1 })));
  } finally {
    await admin.close();
  }
}

/** Readiness follows the producer's background connection; poll it (bounded). */
export async function waitUntilReady(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await fetch(`${url}/readyz`)).status !== 200) {
    if (Date.now() > deadline)
      throw new Error(`ingress at ${url} not ready within ${String(timeoutMs)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startIngress(
  env: Readonly<Record<string, string>> = {},
): Promise<RunningIngress> {
  const schema = await createTestSchema('ingress');
  try {
    return await boot(schema, env);
  } catch (error) {
    await schema.drop(); // a failed boot must not leave the schema behind
    throw error;
  }
}

async function boot(
  schema: TestSchema,
  env: Readonly<Record<string, string>>,
): Promise<RunningIngress> {
  const endpoints = testEndpoints();
  const config = ingressConfig.load({
    KAFKA_BROKERS: endpoints.kafkaBrokers,
    SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
    DATABASE_URL: endpoints.databaseUrl,
    INGRESS_DATABASE_SCHEMA: schema.schema,
    INGRESS_SYSTEMS: JSON.stringify({
      wms: { webhookSecret: WMS_SECRET },
      odoo: { webhookSecret: ODOO_SECRET, token: ODOO_TOKEN },
    }),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const ingress = await createIngressApp(config);
  // Free ports for both listeners; INGRESS_ADMIN_PORT only says whether there is an admin one.
  const { url, adminUrl } = await ingress.listen({ host: '127.0.0.1', port: 0, adminPort: 0 });
  return {
    url: url.replace('[::1]', '127.0.0.1'),
    adminUrl: adminUrl.replace('[::1]', '127.0.0.1'),
    ingress,
    schema,
    stop: async () => {
      await ingress.close();
      await schema.drop();
    },
  };
}
