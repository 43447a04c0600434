/**
 * The two sides the ingress benchmarks drive, started in this process: the real ingress
 * (bench-ingress.ts) and the bare Fastify route (bare-fastify.ts), each writing to a private
 * topic of the run, with a pool of distinct signed deliveries. `close` stops both and removes
 * the topics.
 */
import { randomBytes } from 'node:crypto';
import { contractCatalog, schemaText, topics } from '@hub/contracts';
import {
  createKafkaClient,
  createProducer,
  createSchemaRegistrySerde,
  createTopicAdmin,
} from '@hub/messaging';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { ingressConfig } from '../src/app/ingress.config';
import { BARE_PATH, startBareFastify } from './bare-fastify';
import { environment, startBenchIngress } from './bench-ingress';
import { ingressMessageShape, signedPool, type SignedRequest } from './signed-pool';

export interface BenchSide {
  readonly url: string;
  readonly path: string;
}

export interface BenchSides {
  readonly ingress: BenchSide;
  readonly bare: BenchSide;
  /** The WMS system's signing secret (half-peak.ts and open-loop.ts sign their own pools). */
  readonly secret: string;
  readonly pool: readonly SignedRequest[];
  /** The Avro value's size of one delivery, which the bare route also writes. */
  readonly valueBytes: number;
  close(): Promise<void>;
}

export interface BenchSidesOptions {
  /** Names the run's topics and Postgres schema, so two runs do not meet. */
  readonly runId: string;
  readonly poolSize: number;
  readonly partitions: number;
}

export async function startBenchSides(options: BenchSidesOptions): Promise<BenchSides> {
  const { runId } = options;
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const ingressTopic = `bench-ingress-wms-${runId}`;
  const bareTopic = `bench-bare-fastify-${runId}`;
  const config = ingressConfig.load(environment());
  const brokers = [...config.kafka.brokers];
  const client = createKafkaClient({
    brokers,
    clientId: `bench-ingress-${runId}`,
    logger: pino({ level: 'warn' }),
  });
  const admin = createTopicAdmin(client);
  await admin.ensureTopics(
    [ingressTopic, bareTopic].map((name) => ({
      name,
      partitions: options.partitions,
      replicationFactor: 1,
    })),
  );
  await admin.close();
  const cleanups: (() => Promise<void>)[] = [
    () => deleteTopics(brokers, runId, [ingressTopic, bareTopic]),
  ];
  // In reverse order of starting; every step runs even when an earlier one failed.
  const close = async (): Promise<void> => {
    const failures: unknown[] = [];
    for (const cleanup of [...cleanups].reverse())
      await cleanup().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  };
  try {
    const pool = signedPool(secret, options.poolSize, runId);
    const serde = createSchemaRegistrySerde({ url: config.schemaRegistry.url });
    const subject = `${topics.inventoryLevel}-value`;
    const entry = contractCatalog.find((candidate) => candidate.subject === subject);
    if (entry === undefined) throw new Error(`no contract for ${subject}`);
    await serde.register(subject, JSON.parse(schemaText(entry.schema)) as Record<string, unknown>);
    const first = pool[0];
    if (first === undefined) throw new Error('the pool must hold at least 1 delivery');
    const shape = ingressMessageShape(serde, first);
    const producer = createProducer(client, { retries: 3 });
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    const ingress = await startBenchIngress(secret, ingressTopic, `bench_ingress_${runId}`);
    cleanups.push(() => ingress.close());
    const bare = await startBareFastify(producer, bareTopic, shape);
    cleanups.push(() => bare.close());
    return {
      ingress: { url: ingress.url, path: '/webhooks/wms/wms' },
      bare: { url: bare.url, path: BARE_PATH },
      secret,
      pool,
      valueBytes: shape.valueBytes,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** @hub/messaging has no topic deletion (apps never delete topics); the bench cleans up after itself. */
async function deleteTopics(brokers: string[], runId: string, names: string[]): Promise<void> {
  const cleaner = new Kafka({
    brokers,
    clientId: `bench-cleanup-${runId}`,
    logLevel: logLevel.NOTHING,
  }).admin();
  await cleaner.connect();
  await cleaner.deleteTopics({ topics: names });
  await cleaner.disconnect();
}
