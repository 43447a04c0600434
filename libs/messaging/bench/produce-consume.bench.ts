/**
 * Throughput of the producer (batched) and the consumer runner on a real broker.
 * Not a test: run it and read the numbers.
 *
 *   npx tsx libs/messaging/bench/produce-consume.bench.ts [--brokers 127.0.0.1:9092] [--count 50000] [--size 500] [--partitions 6]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import {
  createConsumerRunner,
  createKafkaClient,
  createProduceBatcher,
  createProducer,
  createTopicAdmin,
  decodeHubHeaders,
  encodeHubHeaders,
} from '../src';

const { values: args } = parseArgs({
  options: {
    brokers: { type: 'string', default: '127.0.0.1:9092' },
    count: { type: 'string', default: '50000' },
    size: { type: 'string', default: '500' },
    partitions: { type: 'string', default: '6' },
    'max-messages': { type: 'string', default: '1000' },
  },
});
const brokers = args.brokers.split(',');
const count = Number(args.count);
const size = Number(args.size);
const partitions = Number(args.partitions);
const suffix = randomBytes(4).toString('hex');
const topic = `bench-produce-consume-${suffix}`;
const deadLetterTopic = `${topic}-dlq`;

// The root lint config exempts only /bench from no-console; this bench writes to stdout itself.
const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const rate = (events: number, ms: number): string =>
  `${Math.round((events / ms) * 1000).toLocaleString('en-US')} events/s`;

async function main(): Promise<void> {
  const client = createKafkaClient({
    brokers,
    clientId: `bench-${suffix}`,
    logger: pino({ level: 'warn' }),
  });
  const admin = createTopicAdmin(client);
  await admin.ensureTopics([
    { name: topic, partitions, replicationFactor: 1 },
    { name: deadLetterTopic, partitions: 1, replicationFactor: 1 },
  ]);
  await admin.close();

  const payload = randomBytes(size);
  const messages = Array.from({ length: count }, (_, n) => ({
    topic,
    key: `WH${n % 7}:SKU-${n % 1_000}`,
    value: payload,
    headers: encodeHubHeaders({
      correlationId: `c-${n}`,
      sourceSystem: 'wms',
      entityType: 'inventory-level',
      sourceVersion: Date.now(),
      eventId: `e-${n}`,
    }),
  }));

  const producer = createProducer(client);
  await producer.connect();
  const batcher = createProduceBatcher(producer, {
    maxMessages: Number(args['max-messages']),
    lingerMs: 5,
  });
  const produceStart = performance.now();
  await Promise.all(messages.map((message) => batcher.publish(message)));
  const produceMs = performance.now() - produceStart;
  await batcher.close();
  await producer.disconnect();
  print(
    `produce  ${count} x ${size} B through the batcher (acks=all, idempotent): ${produceMs.toFixed(0)} ms, ${rate(count, produceMs)}`,
  );

  let handled = 0;
  let firstAt = 0;
  let done: () => void = () => undefined;
  const allHandled = new Promise<void>((resolve) => (done = resolve));
  const runner = createConsumerRunner(client, {
    groupId: `bench-group-${suffix}`,
    topics: [topic],
    concurrency: partitions,
    decode: { headers: decodeHubHeaders, value: (bytes: Buffer | null) => bytes },
    deadLetter: { topic: deadLetterTopic },
    handler: () => {
      if (handled === 0) firstAt = performance.now();
      handled += 1;
      if (handled === count) done();
      return Promise.resolve();
    },
  });
  const consumeStart = performance.now();
  await runner.start();
  await allHandled;
  const consumeEnd = performance.now();
  await runner.stop();
  const consumeMs = consumeEnd - consumeStart;
  const steadyMs = consumeEnd - firstAt;
  print(
    `consume  ${count} through the runner (${partitions} partitions, concurrency ${partitions}, commits every 100 msgs/1 s):`,
  );
  print(
    `         from start() incl. group join: ${consumeMs.toFixed(0)} ms, ${rate(count, consumeMs)}`,
  );
  print(
    `         first to last message:         ${steadyMs.toFixed(0)} ms, ${rate(count, steadyMs)}`,
  );

  const cleaner = new Kafka({
    brokers,
    clientId: `bench-cleanup-${suffix}`,
    logLevel: logLevel.NOTHING,
  }).admin();
  await cleaner.connect();
  await cleaner.deleteTopics({ topics: [topic, deadLetterTopic] });
  await cleaner.disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
