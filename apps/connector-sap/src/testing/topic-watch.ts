/** Background readers of test topics and a poll-until helper (never sleep in tests). */
import { testKafka, uniqueName } from '@hub/testing';
import type { Consumer } from 'kafkajs';

export interface WatchedMessage {
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

export interface TopicWatch {
  readonly messages: WatchedMessage[];
  stop(): Promise<void>;
}

export async function watchTopic(topic: string): Promise<TopicWatch> {
  const consumer: Consumer = testKafka('sap-watch').consumer({
    groupId: uniqueName('sap-watch'),
    maxWaitTimeInMs: 50,
  });
  const messages: WatchedMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).flatMap(([name, value]) => {
          const first = Array.isArray(value) ? value[0] : value;
          return first === undefined ? [] : [[name, first.toString()]];
        }),
      );
      messages.push({ key: message.key?.toString() ?? null, value: message.value, headers });
      return Promise.resolve();
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}

export async function until(
  condition: () => boolean | Promise<boolean>,
  describe: () => string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
