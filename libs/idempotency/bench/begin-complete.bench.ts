/**
 * Throughput of the store's hot path, begin() then complete(), on the local Postgres in a
 * fresh schema (dropped afterwards). Not a test: run it and read the JSON it prints.
 *
 *   npx tsx libs/idempotency/bench/begin-complete.bench.ts [--url postgres://postgres@127.0.0.1:5432/hub]
 *     [--ops 5000] [--workers 8] [--entities 500] [--batch]
 *
 * --batch turns on batchBegins and batchCompletes (group commit), as the connector runtime
 * does. `cpuMsPer1000` is this process's CPU (what a connector spends in the store per 1,000
 * events); `postgresCpuMsPer1000` the database server's, read from /proc where it runs here.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { postgresCpuMs } from '@hub/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { IdempotencyStore, idempotencyDataSourceOptions } from '../src';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/hub' },
    ops: { type: 'string', default: '5000' },
    workers: { type: 'string', default: '8' },
    entities: { type: 'string', default: '500' },
    batch: { type: 'boolean', default: false },
  },
});
const url = args.url;
const ops = Number(args.ops);
const workers = Number(args.workers);
const entities = Number(args.entities);
const schema = `bench_idempotency_${randomBytes(4).toString('hex')}`;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function percentile(sorted: readonly number[], p: number): number {
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return Math.round(value * 100) / 100;
}

/** One worker: begin() and complete() for its share of events, one at a time. */
async function worker(
  store: IdempotencyStore,
  index: number,
  next: () => number | undefined,
  latencies: number[],
): Promise<void> {
  for (let n = next(); n !== undefined; n = next()) {
    const started = performance.now();
    const correlationId = `bench-${n}`;
    const answer = await store.begin({
      target: 'sap',
      correlationId,
      entityType: 'inventory-level',
      entityKey: `WH1:SKU-${n % entities}`,
      sourceVersion: 1_764_201_600_000 + n,
      leaseOwner: `bench-worker-${index}`,
      leaseMs: 30_000,
    });
    if (answer.kind === 'proceed')
      await store.complete('sap', correlationId, `bench-worker-${index}`, { document: n });
    latencies.push(performance.now() - started);
  }
}

async function main(): Promise<void> {
  await admin(`CREATE SCHEMA "${schema}"`);
  const dataSource = new DataSource(
    idempotencyDataSourceOptions({ url, schema, poolSize: workers + 2 }),
  );
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    const store = new IdempotencyStore(
      dataSource,
      args.batch ? { batchBegins: {}, batchCompletes: {} } : {},
    );
    let issued = 0;
    const next = (): number | undefined => (issued < ops ? issued++ : undefined);
    const latencies: number[] = [];
    const cpuBefore = process.cpuUsage();
    const postgresBefore = postgresCpuMs();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: workers }, (_, index) => worker(store, index, next, latencies)),
    );
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const postgresMs = postgresCpuMs() - postgresBefore;
    const succeeded = await dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM "${schema}"."write_record" WHERE state = 'succeeded'`,
    );
    const sorted = [...latencies].sort((a, b) => a - b);
    const report = {
      bench: 'idempotency begin()+complete()',
      ops,
      workers,
      entities,
      batch: args.batch,
      elapsedMs: Math.round(elapsedMs),
      opsPerSecond: Math.round((ops / elapsedMs) * 1000),
      latencyMs: {
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
      },
      cpuMsPer1000: Math.round(((cpu.user + cpu.system) / 1000 / ops) * 1000),
      postgresCpuMsPer1000: Math.round((postgresMs / ops) * 1000),
      succeededRecords: Number(succeeded[0]?.n ?? 0),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
