/**
 * Reads a private test topic from the beginning, keeping every message, until the
 * messages so far satisfy a condition (polling, no sleeps), or fails after a timeout
 * saying how many arrived.
 */
import { testKafka, uniqueName, type ConsumedMessage } from '@hub/testing';

export interface TopicReader {
  /** Resolves with all messages read so far once `done(messages)` holds. */
  until(
    done: (messages: readonly ConsumedMessage[]) => boolean,
    timeoutMs?: number,
  ): Promise<readonly ConsumedMessage[]>;
  close(): Promise<void>;
}

export async function readTopic(topic: string): Promise<TopicReader> {
  const consumer = testKafka('connector-http-reader').consumer({
    groupId: uniqueName('connector-http-reader'),
    maxWaitTimeInMs: 100,
  });
  const messages: ConsumedMessage[] = [];
  const waiters = new Set<() => void>();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ partition, message }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers ?? {})) {
        const first = Array.isArray(value) ? value[0] : value;
        if (first !== undefined) headers[name] = first.toString();
      }
      messages.push({
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        value: message.value,
        headers,
      });
      for (const wake of waiters) wake();
      return Promise.resolve();
    },
  });
  return {
    until: (done, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (!done(messages)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve([...messages]);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `${topic}: condition not met within ${String(timeoutMs)} ms (${String(messages.length)} messages read)`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => consumer.disconnect(),
  };
}
