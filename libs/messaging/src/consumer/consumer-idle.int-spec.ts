import type { Consumer, ConsumerConfig } from 'kafkajs';
import { testTopics, uniqueName } from '@hub/testing';
import { kafkaOf, type KafkaClient } from '../client/create-kafka-client';
import {
  eventually,
  produceAll,
  sleepMs,
  testClient,
  textDecoder,
} from '../testing/messaging-fixtures';
import { createConsumerRunner, defaultFetchMaxWaitMs } from './consumer-runner';

/** Counts the fetch requests the runner's kafkajs consumer sends to the broker. */
function countFetches(client: KafkaClient): { readonly count: () => number } {
  const kafka = kafkaOf(client);
  const makeConsumer = kafka.consumer.bind(kafka);
  let fetches = 0;
  jest.spyOn(kafka, 'consumer').mockImplementation((config: ConsumerConfig): Consumer => {
    const consumer = makeConsumer(config);
    consumer.on(consumer.events.FETCH, () => {
      fetches += 1;
    });
    return consumer;
  });
  return { count: () => fetches };
}

describe('consumer runner: idle cost', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('asks the broker about once per fetch wait while nothing arrives, and hands each message over at once', async () => {
    const topic = await topics.create('idle', 1);
    const deadLetterTopic = await topics.create('idle-dlq', 1);
    const client = testClient();
    const fetches = countFetches(client);
    const handledAt: number[] = [];
    const runner = createConsumerRunner(client, {
      groupId: uniqueName('idle-group'),
      topics: [topic],
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      handler: () => {
        handledAt.push(Date.now());
        return Promise.resolve();
      },
    });
    await runner.start();
    try {
      await produceAll(client, [{ topic, key: 'k', value: Buffer.from('first') }]);
      await eventually(() => handledAt.length === 1, 'the first message');

      const idleMs = 3_000;
      const before = fetches.count();
      await sleepMs(idleMs);
      const idleFetches = fetches.count() - before;
      // At 100 ms, the old wait, this was about 30.
      expect(idleFetches).toBeLessThanOrEqual(Math.ceil(idleMs / defaultFetchMaxWaitMs) + 1);

      // The broker answers the fetch in flight when a message arrives, not when its wait ends:
      // were it to wait, each message below would take 0 to defaultFetchMaxWaitMs.
      const latenciesMs: number[] = [];
      for (const value of ['a', 'b', 'c', 'd', 'e']) {
        await sleepMs(defaultFetchMaxWaitMs * Math.random());
        const sentAt = Date.now();
        await produceAll(client, [{ topic, key: 'k', value: Buffer.from(value) }]);
        await eventually(() => handledAt.length === latenciesMs.length + 2, `message ${value}`);
        latenciesMs.push(handledAt.at(-1)! - sentAt);
      }
      expect(Math.max(...latenciesMs)).toBeLessThan(defaultFetchMaxWaitMs / 2);
    } finally {
      await runner.stop();
    }
  });
});
