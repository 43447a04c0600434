/** Collects every message of a topic in the background, so tests can wait for conditions. */
import type { Consumer } from 'kafkajs';
import { testKafka } from './kafka-fixtures';
import { uniqueName } from './unique-name';

export interface CollectedMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

export class TopicCollector {
  readonly messages: CollectedMessage[] = [];
  private constructor(private readonly consumer: Consumer) {}

  static async start(topic: string): Promise<TopicCollector> {
    const consumer = testKafka('collect').consumer({
      groupId: uniqueName('collect'),
      maxWaitTimeInMs: 50,
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const collector = new TopicCollector(consumer);
    await consumer.run({
      eachMessage: ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          const first = Array.isArray(value) ? value[0] : value;
          if (first !== undefined) headers[name] = first.toString();
        }
        collector.messages.push({
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value,
          headers,
        });
        return Promise.resolve();
      },
    });
    return collector;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/** Polls until `condition` holds, failing with `describe()` after the timeout. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  describe: () => string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
