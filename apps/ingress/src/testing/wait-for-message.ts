/** Reads a shared topic from the beginning until a message matches (other tests' messages are skipped). */
import { testKafka, uniqueName, type ConsumedMessage } from '@hub/testing';

export async function waitForMessage(
  topic: string,
  matches: (message: ConsumedMessage) => boolean,
  timeoutMs = 20_000,
): Promise<ConsumedMessage> {
  const consumer = testKafka('ingress-wait').consumer({
    groupId: uniqueName('ingress-wait'),
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise<ConsumedMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no matching message on ${topic} within ${String(timeoutMs)} ms`));
      }, timeoutMs);
      consumer
        .run({
          eachMessage: ({ partition, message }) => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(message.headers ?? {})) {
              const first = Array.isArray(value) ? value[0] : value;
              if (first !== undefined) headers[name] = first.toString();
            }
            const consumed = {
              partition,
              offset: message.offset,
              key: message.key?.toString() ?? null,
              value: message.value,
              headers,
            };
            if (matches(consumed)) {
              clearTimeout(timer);
              resolve(consumed);
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
}
