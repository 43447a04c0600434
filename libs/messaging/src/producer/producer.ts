import type { Message, Producer as KafkaProducer, TopicMessages } from 'kafkajs';
import { kafkaOf, type KafkaClient } from '../client/create-kafka-client';
import { describeError, MessagingError } from '../errors/messaging-error';
import { javaCompatiblePartitioner } from '../partitioning/partitioner';
import type { MessageSender, OutgoingMessage } from './outgoing-message';

export interface ProducerOptions {
  /**
   * Attempts per produce request before the send rejects with PRODUCE_FAILED (retriable).
   * Bounded on purpose, like the Java client's delivery.timeout.ms: a caller waiting on an ack
   * (the ingress answering 202) must hear about an outage instead of waiting forever.
   */
  readonly retries?: number;
  /** Broker-side wait for the acks of all in-sync replicas (ms). */
  readonly ackTimeoutMs?: number;
}

export interface Producer extends MessageSender {
  connect(): Promise<void>;
  /** Sends all messages in one batch (one produce request per broker), acks=all; resolves when all are acknowledged. */
  send(messages: readonly OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

/** Idempotent producer, acks=all (-1), keyed with the Java-compatible partitioner. */
export function createProducer(client: KafkaClient, options: ProducerOptions = {}): Producer {
  const producer: KafkaProducer = kafkaOf(client).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: javaCompatiblePartitioner,
    retry: { retries: options.retries ?? 10, initialRetryTime: 100, maxRetryTime: 10_000 },
  });
  let state: 'new' | 'connected' | 'closed' = 'new';
  return {
    async connect() {
      if (state === 'closed')
        throw new MessagingError('PRODUCER_CLOSED', 'Producer was disconnected', false);
      await producer.connect();
      state = 'connected';
    },
    async send(messages) {
      if (state !== 'connected')
        throw new MessagingError('PRODUCER_CLOSED', `Producer is ${state}, not connected`, false);
      if (messages.length === 0) return;
      try {
        await producer.sendBatch({
          acks: -1,
          timeout: options.ackTimeoutMs ?? 30_000,
          topicMessages: groupByTopic(messages),
        });
      } catch (error) {
        throw new MessagingError(
          'PRODUCE_FAILED',
          `Produce of ${messages.length} message(s) failed: ${describeError(error)}`,
          true,
          {
            cause: error,
          },
        );
      }
    },
    async disconnect() {
      state = 'closed';
      await producer.disconnect();
    },
  };
}

/** One entry per topic, messages in caller order (kafkajs keeps that order within a partition). */
function groupByTopic(messages: readonly OutgoingMessage[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const message of messages) {
    const list = byTopic.get(message.topic) ?? [];
    list.push({
      key: message.key,
      value: message.value,
      ...(message.headers ? { headers: { ...message.headers } } : {}),
      ...(message.partition !== undefined ? { partition: message.partition } : {}),
    });
    byTopic.set(message.topic, list);
  }
  return [...byTopic].map(([topic, list]) => ({ topic, messages: list }));
}
