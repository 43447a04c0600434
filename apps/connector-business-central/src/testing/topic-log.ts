/** Keeps reading a harness's outcome, retry and dead-letter topics, so a test polls memory instead of joining a consumer group per question. */
import { testKafka, uniqueName, type ConsumedMessage } from '@hub/testing';
import type { Consumer } from 'kafkajs';

export class TopicLog {
  readonly byTopic = new Map<string, ConsumedMessage[]>();

  private constructor(private readonly consumer: Consumer) {}

  static async start(topics: readonly string[]): Promise<TopicLog> {
    const consumer = testKafka('bc-log').consumer({
      groupId: uniqueName('bc-log'),
      maxWaitTimeInMs: 50,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    const log = new TopicLog(consumer);
    await consumer.run({
      eachMessage: ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          const first = Array.isArray(value) ? value[0] : value;
          if (first !== undefined) headers[name] = first.toString();
        }
        const list = log.byTopic.get(topic) ?? [];
        list.push({
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value,
          headers,
        });
        log.byTopic.set(topic, list);
        return Promise.resolve();
      },
    });
    return log;
  }

  /** At least `count` messages of `topic`, waiting up to `timeoutMs`. */
  async atLeast(topic: string, count: number, timeoutMs = 20_000): Promise<ConsumedMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = this.byTopic.get(topic) ?? [];
      if (list.length >= count) return [...list];
      if (Date.now() > deadline)
        throw new Error(`timed out: ${count} message(s) on ${topic}, got ${list.length}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
