import { afterAll, describe, expect, it } from '@jest/globals';
import { redeliveryTopic, retryTopic } from '@hub/contracts';
import { testEndpoints, uniqueName } from '@hub/testing';
import { Kafka, logLevel } from 'kafkajs';
import { schedulerDeployment, type SchedulerDeployment } from '../testing/scheduler-harness';
import { createRetrySchedulerApp } from './create-retry-scheduler-app';
import { retrySchedulerConfig } from './retry-scheduler.config';

const admin = new Kafka({
  brokers: [testEndpoints().kafkaBrokers],
  clientId: uniqueName('topics-at-start'),
  logLevel: logLevel.NOTHING,
}).admin();

describe('retry scheduler start-up topics', () => {
  let deployment: SchedulerDeployment | undefined;
  afterAll(async () => {
    await deployment?.drop();
    await admin.disconnect();
  });

  it('creates none: a missing one refuses the start naming `npm run topics`; it starts once they exist', async () => {
    const target = uniqueName('target').replace(/[^a-z0-9]/g, '');
    const started = await schedulerDeployment([{ id: target }]);
    deployment = started;
    const config = retrySchedulerConfig.load(started.env);

    await expect(createRetrySchedulerApp(config)).rejects.toThrow(
      new RegExp(`needs ${retryTopic(target)}, ${redeliveryTopic(target)},.*\`npm run topics\``),
    );
    await admin.connect();
    const topics = await admin.listTopics();
    expect(topics.filter((name) => name.includes(target))).toEqual([]);

    const running = await started.start(); // the harness creates the topics first (test seam)
    await running.stop();
    const again = await createRetrySchedulerApp(config);
    await again.close();
  });
});
