/**
 * How far consumer groups have got, as the broker sees it: per group, the sum of its
 * committed offsets (what it has finished, for a rate between two readings) and its lag
 * (end offset minus committed, over every partition it has committed on). A partition
 * without a commit counts from its earliest offset. One admin connection, kept until close().
 */
import type { Admin } from 'kafkajs';
import { kafkaOf, type KafkaClient } from '../client/create-kafka-client';

export interface GroupProgress {
  readonly groupId: string;
  /** Sum of the committed offsets. */
  readonly committed: number;
  readonly lag: number;
}

export interface GroupProgressReader {
  read(groupIds: readonly string[]): Promise<GroupProgress[]>;
  close(): Promise<void>;
}

export function createGroupProgressReader(client: KafkaClient): GroupProgressReader {
  let admin: Admin | undefined;
  const connected = async (): Promise<Admin> => {
    if (admin === undefined) {
      const fresh = kafkaOf(client).admin();
      await fresh.connect();
      admin = fresh;
    }
    return admin;
  };
  return {
    async read(groupIds) {
      const kafka = await connected();
      const ends = new Map<string, Promise<Map<number, { low: number; high: number }>>>();
      const endsOf = (topic: string) => {
        let known = ends.get(topic);
        if (known === undefined) {
          known = kafka
            .fetchTopicOffsets(topic)
            .then(
              (offsets) =>
                new Map(
                  offsets.map(({ partition, low, high }) => [
                    partition,
                    { low: Number(low), high: Number(high) },
                  ]),
                ),
            );
          ends.set(topic, known);
        }
        return known;
      };
      return Promise.all(
        groupIds.map(async (groupId) => {
          let committed = 0;
          let lag = 0;
          for (const { topic, partitions } of await kafka.fetchOffsets({ groupId })) {
            const end = await endsOf(topic);
            for (const { partition, offset } of partitions) {
              const range = end.get(partition);
              if (range === undefined) continue;
              const at = Number(offset) < 0 ? range.low : Number(offset);
              committed += at;
              lag += Math.max(0, range.high - at);
            }
          }
          return { groupId, committed, lag };
        }),
      );
    },
    async close() {
      const current = admin;
      admin = undefined;
      if (current !== undefined) await current.disconnect();
    },
  };
}
