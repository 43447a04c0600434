/** Boots the real retry scheduler in-process on port 0 against the local stack. */
import { createTestSchema, testEndpoints, uniqueName, type TestSchema } from '@hub/testing';
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
