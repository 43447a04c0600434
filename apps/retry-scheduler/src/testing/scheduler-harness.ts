/** Boots the real retry scheduler in-process on port 0 against the local stack. */
import { topics } from '@hub/contracts';
import {
  createTestSchema,
  testEndpoints,
  testKafka,
  uniqueName,
  type TestSchema,
} from '@hub/testing';
import { createRetrySchedulerApp, type RetrySchedulerApp } from '../app/create-retry-scheduler-app';
import { retrySchedulerConfig } from '../app/retry-scheduler.config';

export interface RunningScheduler {
  readonly url: string;
  readonly app: RetrySchedulerApp;
  stop(): Promise<void>;
}

/** Everything two instances of one deployment share: schema, consumer groups, targets. */
export interface SchedulerDeployment {
  readonly schema: TestSchema;
  readonly env: Readonly<Record<string, string>>;
  start(): Promise<RunningScheduler>;
  drop(): Promise<void>;
}

/**
 * The outcome topic is the shared hub.delivery-outcome.v1, which every test and benchmark on
 * this broker writes to: a new group would read all of its history before the test's own
 * outcomes (too slow on a busy machine). The deployment's outcome group starts at its end,
 * as the demo hub does with its groups; nothing is skipped that the test itself sent.
 */
async function outcomesFromNow(groupId: string): Promise<void> {
  const admin = testKafka('retry-outcomes-from-now').admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topics.deliveryOutcome)) return;
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

export async function schedulerDeployment(
  targets: readonly object[],
  env: Readonly<Record<string, string>> = {},
): Promise<SchedulerDeployment> {
  const schema = await createTestSchema('retry');
  const endpoints = testEndpoints();
  const fullEnv = {
    KAFKA_BROKERS: endpoints.kafkaBrokers,
    SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
    DATABASE_URL: endpoints.databaseUrl,
    RETRY_DATABASE_SCHEMA: schema.schema,
    RETRY_GROUP_ID: uniqueName('retry-scheduler'),
    RETRY_TARGETS: JSON.stringify({ targets }),
    RETRY_POLL_INTERVAL: '10ms',
    RETRY_TOPIC_PARTITIONS: '3',
    LOG_LEVEL: 'silent',
    ...env,
  };
  await outcomesFromNow(`${fullEnv.RETRY_GROUP_ID}.outcomes`);
  return {
    schema,
    env: fullEnv,
    async start() {
      const app = await createRetrySchedulerApp(retrySchedulerConfig.load(fullEnv), {
        ensureTopics: true,
      });
      const url = await app.http.listen({ port: 0, host: '127.0.0.1' });
      return { url, app, stop: () => app.close() };
    },
    drop: () => schema.drop(),
  };
}
