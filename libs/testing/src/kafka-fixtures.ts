import { Kafka, logLevel, type Admin, type IHeaders, type KafkaMessage } from 'kafkajs';
import { testEndpoints } from './endpoints';
import { uniqueName } from './unique-name';

export function testKafka(clientIdPrefix = 'test'): Kafka {
  return new Kafka({
    clientId: uniqueName(clientIdPrefix),
    brokers: testEndpoints().kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100 },
  });
}

export interface TestTopics {
  /** Creates fresh topics, named uniquely from each prefix. */
  create(prefix: string, partitions?: number): Promise<string>;
  /** Deletes only the topics this instance created. */
  deleteAll(): Promise<void>;
}

export function testTopics(kafka: Kafka = testKafka('topics')): TestTopics {
  const created: string[] = [];
  let admin: Admin | undefined;
  const connectedAdmin = async (): Promise<Admin> => {
    if (!admin) {
      admin = kafka.admin();
      await admin.connect();
    }
    return admin;
  };
  return {
    async create(prefix, partitions = 3) {
      const topic = uniqueName(prefix);
      const client = await connectedAdmin();
      await client.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
      });
      created.push(topic);
      return topic;
    },
    async deleteAll() {
      if (!admin) return;
      if (created.length > 0) await admin.deleteTopics({ topics: created.splice(0) });
      await admin.disconnect();
      admin = undefined;
    },
  };
}

export interface ConsumedMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, string>;
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) decoded[name] = first.toString();
  }
  return decoded;
}

function toConsumed(partition: number, message: KafkaMessage): ConsumedMessage {
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value,
    headers: decodeHeaders(message.headers),
  };
}

/**
 * Reads a topic from the beginning with a fresh group until `count` messages arrived,
 * or fails after `timeoutMs` saying how many did.
 */
export async function consumeUntil(
  topic: string,
  count: number,
  {
    timeoutMs = 20_000,
    kafka = testKafka('consume-until'),
  }: { timeoutMs?: number; kafka?: Kafka } = {},
): Promise<ConsumedMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueName(`${topic}-reader`), maxWaitTimeInMs: 100 });
  const received: ConsumedMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `consumeUntil(${topic}): ${received.length} of ${count} messages within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            received.push(toConsumed(partition, message));
            if (received.length >= count) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}
