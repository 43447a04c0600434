// Helpers for this lib's integration tests: a real client on the test broker, a logger
// that records instead of printing, raw produce and committed-offset reads.
import type { Consumer, ConsumerConfig, ConsumerEvents } from 'kafkajs';
import { testEndpoints, testKafka, uniqueName } from '@hub/testing';
import { createKafkaClient, kafkaOf, type KafkaClient } from '../client/create-kafka-client';
import type { MessagingLogger } from '../logger';
import { createProducer } from '../producer/producer';
import type { OutgoingMessage } from '../producer/outgoing-message';

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly details: object;
}

export function recordingLogger(): MessagingLogger & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const record =
    (level: LogLine['level']) =>
    (details: object, message: string): void => {
      lines.push({ level, message, details });
    };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

export function testClient(logger: MessagingLogger = recordingLogger()): KafkaClient {
  return createKafkaClient({
    brokers: testEndpoints().kafkaBrokers.split(','),
    clientId: uniqueName('messaging-test'),
    logger,
  });
}

/**
 * Counts one kafkajs instrumentation event (FETCH: a fetch answered; COMMIT_OFFSETS: an
 * OffsetCommit answered; GROUP_JOIN: a (re)join completed) of every consumer the client makes from now on; jest.restoreAllMocks
 * ends it.
 */
export function countConsumerEvents(
  client: KafkaClient,
  event: keyof Pick<ConsumerEvents, 'FETCH' | 'COMMIT_OFFSETS' | 'GROUP_JOIN'>,
): { readonly count: () => number } {
  const kafka = kafkaOf(client);
  const makeConsumer = kafka.consumer.bind(kafka);
  let seen = 0;
  jest.spyOn(kafka, 'consumer').mockImplementation((config: ConsumerConfig): Consumer => {
    const consumer = makeConsumer(config);
    consumer.on(consumer.events[event], () => {
      seen += 1;
    });
    return consumer;
  });
  return { count: () => seen };
}

export async function produceAll(
  client: KafkaClient,
  messages: readonly OutgoingMessage[],
): Promise<void> {
  const producer = createProducer(client);
  await producer.connect();
  try {
    await producer.send(messages);
  } finally {
    await producer.disconnect();
  }
}

/** Committed offset per partition of a group on a topic (-1: nothing committed). */
export async function committedOffsets(
  groupId: string,
  topic: string,
): Promise<Map<number, number>> {
  const admin = testKafka('offsets').admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map(
      (offsets?.partitions ?? []).map(({ partition, offset }) => [partition, Number(offset)]),
    );
  } finally {
    await admin.disconnect();
  }
}

/** How many messages each partition of a topic holds (its end offset). */
export async function endOffsets(topic: string): Promise<Map<number, number>> {
  const admin = testKafka('end-offsets').admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map(({ partition, high }) => [partition, Number(high)]));
  } finally {
    await admin.disconnect();
  }
}

/** Polls until `condition` holds, or fails after `timeoutMs` with `what`. */
export async function eventually(
  condition: () => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const sleepMs = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** A decoder for tests that only care about delivery: headers raw, value as text. */
export const textDecoder = {
  headers: (raw: Readonly<Record<string, string>>): Readonly<Record<string, string>> => raw,
  value: (bytes: Buffer | null): string => bytes?.toString('utf8') ?? '',
};
