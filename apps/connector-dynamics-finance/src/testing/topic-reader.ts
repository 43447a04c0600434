/** Reads a test topic in the background so tests can wait for messages (poll, never sleep). */
import { testKafka, uniqueName } from '@hub/testing';
import type { Consumer } from 'kafkajs';

export interface ReadMessage {
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

export class TopicReader {
  readonly messages: ReadMessage[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(topic: string): Promise<TopicReader> {
    const consumer = testKafka('fo-read').consumer({
      groupId: uniqueName('fo-reader'),
      maxWaitTimeInMs: 50,
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const reader = new TopicReader(consumer);
    await consumer.run({
      eachMessage: ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          const first = Array.isArray(value) ? value[0] : value;
          if (first !== undefined) headers[name] = first.toString();
        }
        reader.messages.push({
          key: message.key?.toString() ?? null,
          value: message.value,
          headers,
        });
        return Promise.resolve();
      },
    });
    return reader;
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

/** Polls `condition` until it holds; fails with `describe()` after the timeout. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  describe: () => string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
