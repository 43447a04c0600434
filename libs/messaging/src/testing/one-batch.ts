/**
 * A consumer runner fed one fetched batch of one partition, with kafkajs stood in for: how
 * other projects' unit tests see what a flow does per batch (how many store calls) and which
 * offsets it gives up (resolved and committed only after its handling finished).
 */
import type { Consumer, ConsumerRunConfig, EachBatchPayload, Producer } from 'kafkajs';
import { createKafkaClient, kafkaOf, type KafkaClient } from '../client/create-kafka-client';
import type { ConsumerRunner } from '../consumer/consumer-runner-options';
import type { ValueDeserializer } from '../consumer/hub-message-decoder';
import { encodeHubHeaders } from '../headers/header-codec';
import type { HubHeaders } from '../headers/hub-headers';
import type { MessagingLogger } from '../logger';

export interface BatchMessage {
  readonly offset: string;
  readonly key?: string;
  readonly value: Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An event as it would be on a hub topic: its hub headers, keyed by its entity key, the value
 * as JSON text instead of Avro (read back with jsonDeserializer).
 */
export function jsonEventMessage(
  offset: number,
  event: HubHeaders & { readonly entityKey: string },
): BatchMessage {
  return {
    offset: String(offset),
    key: event.entityKey,
    value: Buffer.from(JSON.stringify(event)),
    headers: encodeHubHeaders(event),
  };
}

/** Reads what jsonEventMessage wrote, where the registry's Avro deserializer would be. */
export const jsonDeserializer: ValueDeserializer = {
  decode: (bytes) => Promise.resolve(JSON.parse(String(bytes)) as unknown),
};

export interface OneBatch {
  readonly topic: string;
  readonly partition?: number;
  readonly messages: readonly BatchMessage[];
  /**
   * Asked before each attempt and between retries: true ends the batch (the runner stopping),
   * so a handling that keeps failing does not retry forever.
   */
  readonly stopped?: () => boolean;
}

export interface BatchResult {
  /** Offsets given up as handled, in order. */
  readonly resolved: readonly string[];
  /** Offsets committed (the next one to read), in order. */
  readonly committed: readonly string[];
}

const silent: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

function standInConsumer(onRun: (config: ConsumerRunConfig) => void): Consumer {
  const consumer = {
    events: { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' },
    connect: () => Promise.resolve(),
    subscribe: () => Promise.resolve(),
    run: (config: ConsumerRunConfig) => {
      onRun(config);
      return Promise.resolve();
    },
    disconnect: () => Promise.resolve(),
    paused: () => [],
    on: () => () => undefined,
  };
  return consumer as unknown as Consumer;
}

/** Builds the runner on a stand-in client, hands it `batch`, stops it; what it resolved and committed. */
export async function consumeOneBatch(
  build: (client: KafkaClient) => ConsumerRunner,
  batch: OneBatch,
): Promise<BatchResult> {
  const client = createKafkaClient({
    clientId: 'one-batch',
    brokers: ['127.0.0.1:1'],
    logger: silent,
  });
  const kafka = kafkaOf(client);
  let config: ConsumerRunConfig | undefined;
  kafka.consumer = () =>
    standInConsumer((given) => {
      config = given;
    });
  kafka.producer = () =>
    ({
      connect: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
      sendBatch: () => Promise.resolve([]),
    }) as unknown as Producer;
  const runner = build(client);
  await runner.start();
  const resolved: string[] = [];
  const committed: string[] = [];
  const stopped = batch.stopped ?? (() => false);
  const payload = {
    batch: {
      topic: batch.topic,
      partition: batch.partition ?? 0,
      highWatermark: String(Number(batch.messages.at(-1)?.offset ?? '-1') + 1),
      messages: batch.messages.map((message) => ({
        offset: message.offset,
        key: message.key === undefined ? null : Buffer.from(message.key),
        value: message.value,
        headers: { ...message.headers },
        timestamp: '0',
        attributes: 0,
      })),
    },
    resolveOffset: (offset: string) => resolved.push(offset),
    commitOffsetsIfNecessary: (offsets: { topics: { partitions: { offset: string }[] }[] }) => {
      for (const topic of offsets.topics)
        for (const partition of topic.partitions) committed.push(partition.offset);
      return Promise.resolve();
    },
    heartbeat: () => Promise.resolve(),
    isRunning: () => !stopped(),
    isStale: () => false,
  };
  try {
    if (config?.eachBatch === undefined) throw new Error('the runner did not consume in batches');
    await config.eachBatch(payload as unknown as EachBatchPayload);
  } finally {
    await runner.stop();
  }
  return { resolved, committed };
}
