/**
 * Boots the real reviewer in-process on port 0 against the local stack: fresh Postgres
 * schemas (its own, and a migrated idempotency store), its own DLQ and outcome topics, and
 * a target of its own whose retry topic exists. Tokens for both roles.
 */
import { retryTopic, targetControlTopic } from '@hub/contracts';
import { createKafkaClient, createTopicAdmin } from '@hub/messaging';
import { createTestSchema, testEndpoints, uniqueName, type TestSchema } from '@hub/testing';
import { idempotencyDataSourceOptions } from '@hub/idempotency';
import { DataSource } from 'typeorm';
import { dlqReviewerConfig } from '../app/dlq-reviewer.config';
import { createDlqReviewerApp, type DlqReviewerApp } from '../app/create-dlq-reviewer-app';

export const OPERATOR_TOKEN = 'operator-token-0123456789abcdef';
export const VIEWER_TOKEN = 'viewer-token-0123456789abcdef01';

export interface RunningReviewer {
  readonly url: string;
  /** Where the probes and /metrics answer: a port of their own with DLQ_REVIEWER_ADMIN_PORT, else `url`. */
  readonly adminUrl: string;
  readonly reviewer: DlqReviewerApp;
  readonly target: string;
  readonly deadLetterTopic: string;
  readonly outcomeTopic: string;
  readonly idempotency: DataSource;
  readonly idempotencySchema: string;
  stop(): Promise<void>;
}

async function createTopics(names: readonly string[]): Promise<void> {
  const admin = createTopicAdmin(
    createKafkaClient({
      brokers: [testEndpoints().kafkaBrokers],
      clientId: uniqueName('dlq-admin'),
    }),
  );
  try {
    await admin.ensureTopics(names.map((name) => ({ name, partitions: 2, replicationFactor: 1 })));
  } finally {
    await admin.close();
  }
}

async function migratedIdempotencySchema(): Promise<{
  schema: TestSchema;
  dataSource: DataSource;
}> {
  const schema = await createTestSchema('dlq_idem');
  const dataSource = new DataSource(
    idempotencyDataSourceOptions({ url: schema.databaseUrl, schema: schema.schema, poolSize: 2 }),
  );
  await dataSource.initialize();
  await dataSource.runMigrations();
  return { schema, dataSource };
}

export interface StartOptions {
  /** Create the DLQ, outcome, retry and control topics first (false: the reviewer must). */
  readonly precreateTopics?: boolean;
  /** Wait until the Kafka side is connected before answering (false when Kafka is down on purpose). */
  readonly awaitKafka?: boolean;
  /** The target's id (default: a unique one), e.g. one a scheduler started first knows. */
  readonly target?: string;
}

export async function startReviewer(
  env: Readonly<Record<string, string>> = {},
  options: StartOptions = {},
): Promise<RunningReviewer> {
  const endpoints = testEndpoints();
  const target =
    options.target ??
    uniqueName('t')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-');
  const deadLetterTopic = uniqueName('dlq-dead-letter');
  const outcomeTopic = uniqueName('dlq-outcome');
  if (options.precreateTopics ?? true)
    await createTopics([deadLetterTopic, outcomeTopic, retryTopic(target), targetControlTopic]);
  const own = await createTestSchema('dlq');
  const idempotency = await migratedIdempotencySchema();
  const config = dlqReviewerConfig.load({
    KAFKA_BROKERS: endpoints.kafkaBrokers,
    SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
    DATABASE_URL: endpoints.databaseUrl,
    DLQ_DATABASE_SCHEMA: own.schema,
    DLQ_IDEMPOTENCY_SCHEMA: idempotency.schema.schema,
    DLQ_DEAD_LETTER_TOPIC: deadLetterTopic,
    DLQ_OUTCOME_TOPIC: outcomeTopic,
    DLQ_CONSUMER_GROUP: uniqueName('dlq-reviewer'),
    DLQ_API_TOKENS: JSON.stringify([
      { name: 'ops-bot', token: OPERATOR_TOKEN, role: 'operator' },
      { name: 'dashboard', token: VIEWER_TOKEN, role: 'viewer' },
    ]),
    DLQ_METRICS_INTERVAL: '1h',
    LOG_LEVEL: 'silent',
    ...env,
  });
  let reviewer: DlqReviewerApp | undefined;
  let urls = { url: '', adminUrl: '' };
  const cleanUp = async (): Promise<void> => {
    await reviewer?.close();
    await idempotency.dataSource.destroy();
    await Promise.all([own.drop(), idempotency.schema.drop()]);
  };
  try {
    reviewer = await createDlqReviewerApp(config, {
      kafkaTiming: { initialDelayMs: 200, maxDelayMs: 1_000, logEveryMs: 60_000 },
    });
    if (options.awaitKafka ?? true) await reviewer.kafkaConnected();
    // Free ports for both listeners; DLQ_REVIEWER_ADMIN_PORT only says whether there is an admin one.
    urls = await reviewer.listen({ host: '127.0.0.1', port: 0, adminPort: 0 });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    url: urls.url.replace('[::1]', '127.0.0.1'),
    adminUrl: urls.adminUrl.replace('[::1]', '127.0.0.1'),
    reviewer,
    target,
    deadLetterTopic,
    outcomeTopic,
    idempotency: idempotency.dataSource,
    idempotencySchema: idempotency.schema.schema,
    stop: cleanUp,
  };
}

/** Polls until `probe` returns a value (not undefined), or fails naming what it waited for. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
