/**
 * The ceiling the hub's Kafka path is measured against: plain kafkajs (only the hub's header
 * encoding is borrowed), on a
 * keyed topic with messages of the hub's size (the ingress's Avro inventory level, 216 B,
 * plus the six hub headers). Produce with acks=all in batches, then consume with eachBatch
 * and the default auto-commit. Not a test: run it and read the numbers.
 *
 *   npx tsx libs/messaging/bench/raw-kafkajs.bench.ts [--brokers 127.0.0.1:9092] [--count 200000] [--size 216] [--partitions 6] [--batch 1000]
 *
 * With BENCH_RESULT_FILE set, the figures are also written there as JSON (npm run bench).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CompressionTypes, Kafka, logLevel, type Message } from 'kafkajs';
import { encodeHubHeaders } from '../src';

const { values: args } = parseArgs({
  options: {
    brokers: { type: 'string', default: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092' },
    count: { type: 'string', default: '200000' },
    size: { type: 'string', default: '216' },
    partitions: { type: 'string', default: '6' },
    batch: { type: 'string', default: '1000' },
  },
});
const brokers = args.brokers.split(',');
const count = Number(args.count);
const size = Number(args.size);
const partitions = Number(args.partitions);
const batchSize = Number(args.batch);
const suffix = randomBytes(4).toString('hex');
const topic = `bench-raw-kafkajs-${suffix}`;

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** The hub's own header encoding (a pure function), so the bytes on the wire match. */
function hubLikeHeaders(n: number): Record<string, string | Buffer> {
  return encodeHubHeaders({
    correlationId: `wms:inventory-level:WH1:SKU-${String(n % 2_000)}:${String(n)}`,
    sourceSystem: 'wms',
    entityType: 'inventory-level',
    entityKey: `WH1:SKU-${String(n % 2_000)}`,
    sourceVersion: 1_700_000_000_000 + n,
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  });
}

async function produce(kafka: Kafka, value: Buffer): Promise<number> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const start = performance.now();
  // Batches in flight at once, as a busy producer would have them: one per partition.
  const inFlight = new Set<Promise<unknown>>();
  for (let first = 0; first < count; first += batchSize) {
    const messages: Message[] = [];
    for (let n = first; n < Math.min(count, first + batchSize); n += 1) {
      messages.push({ key: `WH1:SKU-${String(n % 2_000)}`, value, headers: hubLikeHeaders(n) });
    }
    const sent = producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages });
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
    if (inFlight.size >= partitions) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const ms = performance.now() - start;
  await producer.disconnect();
  return ms;
}

async function consume(kafka: Kafka): Promise<{ fromStartMs: number; steadyMs: number }> {
  const consumer = kafka.consumer({ groupId: `bench-raw-${suffix}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let handled = 0;
  let firstAt = 0;
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (done = resolve));
  const start = performance.now();
  await consumer.run({
    partitionsConsumedConcurrently: partitions,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      if (handled === 0) firstAt = performance.now();
      for (const message of batch.messages) {
        handled += 1;
        resolveOffset(message.offset);
      }
      await heartbeat();
      if (handled >= count) done();
    },
  });
  await all;
  const end = performance.now();
  await consumer.disconnect();
  return { fromStartMs: end - start, steadyMs: end - firstAt };
}

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: `bench-raw-${suffix}`, brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
  });
  try {
    const produceMs = await produce(kafka, randomBytes(size));
    const consumed = await consume(kafka);
    const perSecond = (ms: number): number => (count / ms) * 1000;
    const result = {
      benchmark: 'raw-kafkajs',
      at: new Date().toISOString(),
      settings: { count, valueBytes: size, partitions, batch: batchSize, headers: 6 },
      produce: { ms: produceMs, eventsPerSecond: perSecond(produceMs) },
      consume: {
        ms: consumed.fromStartMs,
        eventsPerSecond: perSecond(consumed.fromStartMs),
        firstToLastPerSecond: perSecond(consumed.steadyMs),
      },
    };
    const fmt = (value: number): string => Math.round(value).toLocaleString('en-US');
    print(
      `raw kafkajs, ${fmt(count)} keyed messages of ${String(size)} B + 6 hub headers, ${String(partitions)} partitions`,
    );
    print(
      `produce  acks=all, idempotent, batches of ${String(batchSize)}: ${fmt(produceMs)} ms, ${fmt(result.produce.eventsPerSecond)} events/s`,
    );
    print(
      `consume  eachBatch, auto-commit, from subscribe: ${fmt(consumed.fromStartMs)} ms, ${fmt(result.consume.eventsPerSecond)} events/s (first to last message ${fmt(result.consume.firstToLastPerSecond)} events/s)`,
    );
    const file = process.env['BENCH_RESULT_FILE'];
    if (file) writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
