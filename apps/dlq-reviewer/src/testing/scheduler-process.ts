/**
 * The real retry scheduler as a separate process (an app cannot import another), on its
 * own Postgres schema, consumer groups and a free port, for tests that need the path an
 * operator retry really takes: reviewer → retry topic → scheduler → redelivery topic.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { redeliveryTopic, retryTopic, targetControlTopic, topics } from '@hub/contracts';
import { createKafkaClient, createTopicAdmin } from '@hub/messaging';
import {
  createTestSchema,
  testEndpoints,
  testKafka,
  uniqueName,
  type TestSchema,
} from '@hub/testing';

export interface SchedulerProcess {
  readonly url: string;
  readonly schema: TestSchema;
  stop(): Promise<void>;
}

const root = path.resolve(__dirname, '../../../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

async function ready(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`retry scheduler exited (${String(child.exitCode)}): ${output()}`);
    const status = await fetch(`${url}/readyz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`retry scheduler never ready: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The scheduler creates no topics at start-up (`npm run topics` does): its targets' topics
 * and the shared outcome, dead-letter and control topics it also uses (a fresh broker has none) first.
 */
async function createSchedulerTopics(brokers: string, targetsJson: string): Promise<void> {
  const { targets } = JSON.parse(targetsJson) as { targets: { id: string }[] };
  const admin = createTopicAdmin(
    createKafkaClient({ brokers: [brokers], clientId: uniqueName('t') }),
  );
  try {
    await admin.ensureTopics(
      targets
        .flatMap(({ id }) => [retryTopic(id), redeliveryTopic(id)])
        .concat([topics.deliveryOutcome, topics.deadLetter, targetControlTopic])
        .map((name) => ({ name, partitions: 3, replicationFactor: 1 })),
    );
  } finally {
    await admin.close();
  }
}

/**
 * The shared outcome topic holds every earlier run's outcomes; the scheduler's new outcome
 * group starts at its end (as the demo hub's groups do), so the test's own come at once.
 */
async function outcomesFromNow(groupId: string): Promise<void> {
  const admin = testKafka('retry-outcomes-from-now').admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topics.deliveryOutcome);
    await admin.setOffsets({
      groupId,
      topic: topics.deliveryOutcome,
      partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
    });
  } finally {
    await admin.disconnect();
  }
}

export async function startSchedulerProcess(
  env: Readonly<Record<string, string>>,
): Promise<SchedulerProcess> {
  const schema = await createTestSchema('retry');
  const endpoints = testEndpoints();
  await createSchedulerTopics(endpoints.kafkaBrokers, env['RETRY_TARGETS'] ?? '{"targets":[]}');
  const groupId = env['RETRY_GROUP_ID'] ?? uniqueName('retry-scheduler');
  await outcomesFromNow(`${groupId}.outcomes`);
  const port = await freePort();
  const child = spawn(
    path.join(root, 'node_modules/.bin/tsx'),
    ['--tsconfig', 'tsconfig.base.json', 'apps/retry-scheduler/src/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        KAFKA_BROKERS: endpoints.kafkaBrokers,
        SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
        DATABASE_URL: endpoints.databaseUrl,
        RETRY_DATABASE_SCHEMA: schema.schema,
        RETRY_GROUP_ID: groupId,
        RETRY_SCHEDULER_PORT: String(port),
        RETRY_POLL_INTERVAL: '10ms',
        RETRY_TOPIC_PARTITIONS: '3',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await schema.drop();
  };
  const url = `http://127.0.0.1:${String(port)}`;
  try {
    await ready(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, schema, stop };
}
