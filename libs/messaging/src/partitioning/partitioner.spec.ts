import { partitionForKey } from './partitioner';

// apache/kafka clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java, testMurmur2:
// murmur2 of these keys as computed by the Java client.
const javaMurmur2Vectors: [Buffer, number][] = [
  [Buffer.from('21'), -973932308],
  [Buffer.from('foobar'), -790332482],
  [Buffer.from('a-little-bit-long-string'), -985981536],
  [Buffer.from('a-little-bit-longer-string'), -1486304829],
  [Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'), -58897971],
  [Buffer.from([0x61, 0x62, 0x63]), 479470107],
];

// Utils.toPositive, then BuiltInPartitioner.partitionForKey: toPositive(murmur2(key)) % numPartitions.
const javaPartition = (murmur2: number, numPartitions: number): number =>
  (murmur2 & 0x7fffffff) % numPartitions;

describe('partitionForKey (Java-compatible murmur2)', () => {
  it.each(javaMurmur2Vectors)(
    'puts key %s where the Java client does, for 1 to 64 partitions',
    (key, murmur2) => {
      for (let numPartitions = 1; numPartitions <= 64; numPartitions++) {
        expect(partitionForKey(key, numPartitions)).toBe(javaPartition(murmur2, numPartitions));
      }
    },
  );

  it('pins a few partitions literally, so the rule above is not checked against itself', () => {
    // (-973932308 & 0x7fffffff) = 1173551340; 1173551340 % 3 = 0, % 10 = 0, % 7 = 3.
    expect([3, 10, 7].map((n) => partitionForKey('21', n))).toEqual([0, 0, 3]);
    // (-790332482 & 0x7fffffff) = 1357151166; % 3 = 0, % 10 = 6, % 7 = 0.
    expect([3, 10, 7].map((n) => partitionForKey('foobar', n))).toEqual([0, 6, 0]);
  });

  it('treats a string key as its UTF-8 bytes', () => {
    expect(partitionForKey('abc', 12)).toBe(partitionForKey(Buffer.from([0x61, 0x62, 0x63]), 12));
  });

  it('refuses a partition count that is not a positive integer', () => {
    expect(() => partitionForKey('21', 0)).toThrow(RangeError);
  });
});
