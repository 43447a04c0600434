/**
 * The baseline (issue #20): what a user would write instead of the hub, in a process of its
 * own. A plain kafkajs consumer of the canonical inventory-level topic, the registry's
 * Avro decoder, and for each level of the run the same Odoo calls connector-odoo makes
 * (odoo-json-rpc.ts), one partition per concurrent handler like the connector. None of the
 * hub's guarantees: no ownership check, no idempotency record, no stale-write guard, no
 * retry or dead letter, no outcome event, no rate limit or breaker.
 *
 * It reads the offset range the bench gives it (the backlog the hub drained) with a group
 * of its own and stops at the range's end. Started by baseline-phase.ts with one JSON
 * argument; prints one JSON result line.
 */
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { PlainOdooClient, type OdooLogin } from './odoo-json-rpc';

export interface PartitionRange {
  readonly partition: number;
  /** First offset to read. */
  readonly from: string;
  /** First offset not to read (the high watermark after the intake). */
  readonly to: string;
}

export interface BaselineRun {
  readonly brokers: string;
  readonly registryUrl: string;
  readonly topic: string;
  readonly ranges: readonly PartitionRange[];
  /** Only this run's levels (the WMS system id in the hub-source-system header). */
  readonly sourceSystem: string;
  readonly groupId: string;
  readonly partitionsConsumedConcurrently: number;
  readonly odoo: OdooLogin;
  readonly timeoutMs: number;
}

export interface BaselineResult {
  readonly applied: number;
  readonly failed: number;
  readonly skippedOtherRuns: number;
  /** From the consumer's start (connect, join) to the last apply. */
  readonly seconds: number;
  readonly perSecond: number;
  /** First to last apply, start-up left out (as the hub's firstToLastPerSecond). */
  readonly firstToLastPerSecond: number;
  readonly cpuSeconds: number;
  readonly firstError?: string;
}

interface LevelEvent {
  readonly correlationId: string;
  readonly payload: {
    readonly sku: string;
    readonly warehouse: string;
    readonly quantityOnHand: string;
  };
}

const header = (headers: IHeaders | undefined, name: string): string | undefined =>
  headers?.[name]?.toString();

export async function runBaseline(run: BaselineRun): Promise<BaselineResult> {
  const kafka = new Kafka({ brokers: run.brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.setOffsets({
    groupId: run.groupId,
    topic: run.topic,
    partitions: run.ranges.map(({ partition, from }) => ({ partition, offset: from })),
  });
  const registry = new SchemaRegistry({ host: run.registryUrl });
  const odoo = new PlainOdooClient(run.odoo);
  const consumer = kafka.consumer({ groupId: run.groupId });
  const ends = new Map(run.ranges.map((range) => [range.partition, BigInt(range.to)]));
  const remaining = new Set(
    run.ranges.filter((range) => BigInt(range.to) > BigInt(range.from)).map((r) => r.partition),
  );
  const cpuAtStart = process.cpuUsage();
  const startedAt = Date.now();
  let applied = 0;
  let failed = 0;
  let skippedOtherRuns = 0;
  let firstAt = 0;
  let lastAt = 0;
  let firstError: string | undefined;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((done) => {
    finish = done;
    if (remaining.size === 0) done();
  });

  await consumer.connect();
  await consumer.subscribe({ topic: run.topic });
  await consumer.run({
    partitionsConsumedConcurrently: run.partitionsConsumedConcurrently,
    eachMessage: async ({ partition, message }) => {
      const end = ends.get(partition) ?? 0n;
      if (BigInt(message.offset) >= end) return;
      if (header(message.headers, 'hub-source-system') !== run.sourceSystem || !message.value) {
        skippedOtherRuns += 1;
      } else {
        const event = (await registry.decode(message.value)) as LevelEvent;
        try {
          await odoo.applyLevel({ ...event.payload, reference: event.correlationId });
          applied += 1;
          lastAt = Date.now();
          if (firstAt === 0) firstAt = lastAt;
        } catch (error) {
          failed += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
      if (BigInt(message.offset) + 1n >= end) {
        remaining.delete(partition);
        if (remaining.size === 0) finish();
      }
    },
  });
  const timeout = new Promise<void>((done) => setTimeout(done, run.timeoutMs).unref());
  await Promise.race([finished, timeout]);
  const cpu = process.cpuUsage(cpuAtStart);
  await consumer.disconnect();
  await admin.deleteGroups([run.groupId]).catch(() => undefined);
  await admin.disconnect();
  const seconds = ((lastAt || Date.now()) - startedAt) / 1000;
  return {
    applied,
    failed,
    skippedOtherRuns,
    seconds,
    perSecond: applied / seconds,
    firstToLastPerSecond: lastAt > firstAt ? (applied - 1) / ((lastAt - firstAt) / 1000) : 0,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    ...(firstError === undefined ? {} : { firstError }),
  };
}

if (require.main === module) {
  runBaseline(JSON.parse(process.argv[2] ?? '{}') as BaselineRun).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
