import { Partitioners, type ICustomPartitioner, type PartitionerArgs } from 'kafkajs';

/**
 * kafkajs 2.x DefaultPartitioner: the Java client's rule for keyed records,
 * `toPositive(murmur2(keyBytes)) % numPartitions` (BuiltInPartitioner.partitionForKey),
 * so a key lands on the same partition whichever client produced it. Chosen explicitly:
 * the LegacyPartitioner would disagree with Java producers.
 */
export const javaCompatiblePartitioner: ICustomPartitioner = Partitioners.DefaultPartitioner;

/** The partition a keyed message goes to on a topic with `numPartitions` partitions. */
export function partitionForKey(key: string | Buffer, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions < 1)
    throw new RangeError('numPartitions must be a positive integer');
  const partitionMetadata = Array.from({ length: numPartitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));
  const args: PartitionerArgs = {
    topic: 'partition-for-key',
    partitionMetadata,
    message: { key, value: null },
  };
  return javaCompatiblePartitioner()(args);
}
