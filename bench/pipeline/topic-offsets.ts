/** The high watermarks of a topic's partitions, to mark where a phase's events start and end. */
import { Kafka, logLevel } from 'kafkajs';
import type { PartitionRange } from './baseline-consumer';

export type Watermarks = ReadonlyMap<number, string>;

export async function highWatermarks(brokers: string, topic: string): Promise<Watermarks> {
  const admin = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map(({ partition, high }) => [partition, high]));
  } finally {
    await admin.disconnect();
  }
}

/** Each partition's range between two marks. */
export function rangesBetween(from: Watermarks, to: Watermarks): PartitionRange[] {
  return [...to].map(([partition, end]) => ({
    partition,
    from: from.get(partition) ?? '0',
    to: end,
  }));
}
