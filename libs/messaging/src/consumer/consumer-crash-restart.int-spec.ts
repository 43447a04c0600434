import { testTopics, uniqueName } from '@hub/testing';
import {
  KafkaJSGroupCoordinatorNotFound,
  type ConsumerConfig,
  type EachBatchPayload,
} from 'kafkajs';
import { kafkaOf } from '../client/create-kafka-client';
import { IdempotentRecorder } from '../testing/idempotent-recorder';
import {
  eventually,
  produceAll,
  recordingLogger,
  testClient,
  textDecoder,
} from '../testing/messaging-fixtures';
import { createConsumerRunner } from './consumer-runner';

describe('consumer runner: a crash kafkajs does not restart the consumer after', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());

  it('starts the consumer again, and every message is handled once', async () => {
    const topic = await topics.create('crash-restart', 3);
    const deadLetterTopic = await topics.create('crash-restart-dlq', 1);
    const logger = recordingLogger();
    const client = testClient(logger);
    await produceAll(
      client,
      Array.from({ length: 60 }, (_, n) => ({
        topic,
        key: `key-${n % 12}`,
        value: Buffer.from(String(n)),
      })),
    );
    // The crash a broker restart can cause: non-retriable, so kafkajs does not restart the consumer.
    const kafka = kafkaOf(client);
    const makeConsumer = kafka.consumer.bind(kafka);
    let crashesLeft = 1;
    jest.spyOn(kafka, 'consumer').mockImplementation((config: ConsumerConfig) => {
      const consumer = makeConsumer(config);
      const run = consumer.run.bind(consumer);
      consumer.run = (runConfig) =>
        run({
          ...runConfig,
          eachBatch: (payload: EachBatchPayload) => {
            if (crashesLeft > 0) {
              crashesLeft -= 1;
              throw Object.assign(new KafkaJSGroupCoordinatorNotFound(), {
                message: 'Failed to find group coordinator',
              });
            }
            return runConfig?.eachBatch?.(payload) ?? Promise.resolve();
          },
        });
      return consumer;
    });
    const recorder = new IdempotentRecorder();
    const runner = createConsumerRunner(client, {
      groupId: uniqueName('crash-restart-group'),
      topics: [topic],
      concurrency: 3,
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      handler: (message) => {
        recorder.record('runner', message);
        return Promise.resolve();
      },
    });
    await runner.start();
    try {
      await eventually(() => recorder.recorded.size >= 60, 'all 60 handled after the crash');
    } finally {
      await runner.stop();
    }

    expect(crashesLeft).toBe(0);
    const crashes = logger.lines.filter((line) => line.message === 'Kafka consumer crashed');
    expect(crashes.map((line) => (line.details as { restart?: boolean }).restart)).toEqual([false]);
    expect(recorder.recorded.size).toBe(60);
    expect(recorder.recordings).toBe(60);
  });
});
