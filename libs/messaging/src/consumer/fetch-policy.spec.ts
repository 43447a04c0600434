import type { ConsumerConfig } from 'kafkajs';
import { createKafkaClient, kafkaOf } from '../client/create-kafka-client';
import type { MessagingLogger } from '../logger';
import { createConsumerRunner } from './consumer-runner';
import type { FetchPolicy } from './fetch-policy';
import { bookkeepingFetch, defaultFetch } from './fetch-policy';

const silent: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The kafkajs consumer config a runner with this fetch asks for (nothing is connected). */
function consumerConfigFor(
  fetch: Partial<FetchPolicy> | undefined,
  sessionTimeoutMs?: number,
): ConsumerConfig {
  const client = createKafkaClient({
    clientId: 'fetch-test',
    brokers: ['127.0.0.1:1'],
    logger: silent,
  });
  const kafka = kafkaOf(client);
  const makeConsumer = jest.spyOn(kafka, 'consumer');
  createConsumerRunner(client, {
    groupId: 'g',
    topics: ['t'],
    decode: { headers: () => ({}), value: () => '' },
    deadLetter: { topic: 'dlq' },
    handler: () => Promise.resolve(),
    ...(fetch === undefined ? {} : { fetch }),
    ...(sessionTimeoutMs === undefined ? {} : { sessionTimeoutMs }),
  });
  return makeConsumer.mock.calls[0]![0];
}

describe('consumer runner: fetch policy', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('asks kafkajs for minBytes 1 and a 500 ms wait by default', () => {
    expect(consumerConfigFor(undefined)).toMatchObject({ minBytes: 1, maxWaitTimeInMs: 500 });
    expect(defaultFetch).toEqual({ minBytes: 1, maxWaitMs: 500 });
  });

  it('passes a bookkeeping fetch on, and fills in what a partial one leaves out', () => {
    expect(consumerConfigFor(bookkeepingFetch)).toMatchObject({
      minBytes: 65_536,
      maxWaitTimeInMs: 2_000,
    });
    expect(consumerConfigFor({ maxWaitMs: 1_000 })).toMatchObject({
      minBytes: 1,
      maxWaitTimeInMs: 1_000,
    });
  });

  it('refuses a minBytes below 1 and a wait the session would not survive', () => {
    expect(() => consumerConfigFor({ minBytes: 0 })).toThrow(/fetch.minBytes/);
    expect(() => consumerConfigFor({ minBytes: 1.5 })).toThrow(/fetch.minBytes/);
    expect(() => consumerConfigFor({ maxWaitMs: -1 })).toThrow(/fetch.maxWaitMs/);
    expect(() => consumerConfigFor({ maxWaitMs: 10_000 })).toThrow(/session timeout \(10000 ms\)/);
    expect(() => consumerConfigFor({ maxWaitMs: 6_000 }, 6_000)).toThrow(/fetch.maxWaitMs/);
    expect(consumerConfigFor({ maxWaitMs: 5_999 }, 6_000)).toMatchObject({
      maxWaitTimeInMs: 5_999,
    });
  });
});
