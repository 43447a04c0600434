/**
 * Reads a shared topic until a message matches (other tests' messages are skipped), from the
 * messages of the last few minutes: the canonical topics also carry every benchmark's and
 * soak's traffic on a shared broker, and reading them from the beginning came to take the
 * whole timeout.
 */
import { testKafka, uniqueName, type ConsumedMessage } from '@hub/testing';

/** Far longer than any test waits between producing a message and looking for it. */
const LOOKBACK_MS = 5 * 60_000;

export async function waitForMessage(
  topic: string,
  matches: (message: ConsumedMessage) => boolean,
  timeoutMs = 20_000,
): Promise<ConsumedMessage> {
  const kafka = testKafka('ingress-wait');
  const groupId = uniqueName('ingress-wait');
  // The fresh group starts where its committed offsets say: at the first message of the lookback.
  const admin = kafka.admin();
  await admin.connect();
  try {
    const partitions = await admin.fetchTopicOffsetsByTimestamp(topic, Date.now() - LOOKBACK_MS);
    await admin.setOffsets({ groupId, topic, partitions });
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
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
