/**
 * Throughput of connector-odoo's write path: N inventory-level events published to Kafka,
 * consumed by the real app (runtime: idempotency in Postgres, outcomes on Kafka) and
 * applied to the simulated Odoo over JSON-RPC with no added latency. By default the
 * simulator runs in a process of its own (`--sim inline` shares the connector's process).
 * Not a test: run it and read the JSON it prints.
 *
 *   npx tsx apps/connector-odoo/bench/connector-odoo.bench.ts [--events 2000] [--skus 200]
 *     [--partitions 6] [--concurrency 6] [--protocol json-rpc] [--sim process|inline]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { hubCorrelationFields } from '@hub/erp-simulator';
import { inventoryLevel } from '../src/testing/canonical-fixtures';
import { ConnectorHarness, type SimulatorLike } from '../src/testing/connector-harness';
import { startOdooSim } from '../src/testing/odoo-sim-fixture';
import { forkSimulator } from '../src/testing/sim-process';
import { TopicCollector, eventually } from '@hub/connector-testing';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '2000' },
    skus: { type: 'string', default: '200' },
    partitions: { type: 'string', default: '6' },
    concurrency: { type: 'string', default: '6' },
    protocol: { type: 'string', default: 'json-rpc' },
    sim: { type: 'string', default: 'process' },
  },
});
// The test harness finds the stack through these (set by the test-int target in tests).
process.env.KAFKA_BROKERS ??= '127.0.0.1:9092';
process.env.SCHEMA_REGISTRY_URL ??= 'http://127.0.0.1:8081/apis/ccompat/v7';
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/hub';

const events = Number(args.events);
const skuCount = Number(args.skus);
const skus = Array.from({ length: skuCount }, (_, i) => `SKU-B${String(i).padStart(5, '0')}`);

/** The simulator's control API (works the same in-process and forked). */
async function control(
  sim: SimulatorLike,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${sim.url}/__sim/odoo/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} /__sim/odoo/${path}: HTTP ${response.status}`);
  const text = await response.text();
  return text === '' ? null : (JSON.parse(text) as unknown);
}

async function main(): Promise<void> {
  const sim: SimulatorLike = args.sim === 'inline' ? await startOdooSim({}) : await forkSimulator();
  await control(sim, 'POST', 'seed', {
    customFields: hubCorrelationFields,
    products: skus.map((sku) => ({ default_code: sku, name: sku })),
    ...(args.sim === 'inline' ? { warehouses: [{ code: 'WH-EAST' }] } : {}),
  });
  const harness = await ConnectorHarness.startWith(
    sim,
    {
      ODOO_PROTOCOL: args.protocol,
      CONNECTOR_CONCURRENCY: args.concurrency,
      CONNECTOR_RATE_LIMIT_RPS: '100000',
      CONNECTOR_RATE_LIMIT_BURST: '100000',
    },
    Number(args.partitions),
  );
  const outcomes = await TopicCollector.start(harness.topics.deliveryOutcome);
  try {
    const start = Date.now() - 60_000_000;
    const batch = Array.from({ length: events }, (_, n) =>
      inventoryLevel(
        skus[n % skuCount] ?? 'SKU-B00000',
        String(n),
        start + n * 1000,
        harness.source,
      ),
    );
    await control(sim, 'DELETE', 'calls');
    const began = performance.now();
    for (let i = 0; i < batch.length; i += 500) await harness.publish(batch.slice(i, i + 500));
    const published = performance.now();
    await eventually(
      () => outcomes.messages.length >= events,
      () => `${events} outcomes, got ${outcomes.messages.length}`,
      600_000,
    );
    const done = performance.now();
    const metrics = (await harness.app.server.inject({ method: 'GET', url: '/metrics' })).body;
    const calls = (await control(sim, 'GET', 'calls')) as Record<string, number>;
    const totalCalls = Object.values(calls).reduce((sum, n) => sum + n, 0);
    const seconds = (done - began) / 1000;
    console.log(
      JSON.stringify(
        {
          events,
          skus: skuCount,
          partitions: Number(args.partitions),
          concurrency: Number(args.concurrency),
          protocol: args.protocol,
          simulator: args.sim,
          publishMs: Math.round(published - began),
          totalMs: Math.round(done - began),
          eventsPerSecond: Math.round(events / seconds),
          meanApplyMs: meanMs(metrics, 'apply'),
          odooCallsPerEvent: Math.round((totalCalls / events) * 10) / 10,
          odooCalls: calls,
        },
        null,
        2,
      ),
    );
  } finally {
    await outcomes.stop();
    await harness.close();
  }
}

/** Mean of hub_connector_erp_call_seconds for one operation, in ms (how much of an event is Odoo). */
function meanMs(metrics: string, operation: string): number | undefined {
  const value = (suffix: string): number | undefined => {
    const line = metrics
      .split('\n')
      .find(
        (l) =>
          l.startsWith(`hub_connector_erp_call_seconds_${suffix}{`) &&
          l.includes(`operation="${operation}"`),
      );
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };
  const sum = value('sum');
  const count = value('count');
  return sum === undefined || count === undefined || count === 0
    ? undefined
    : Math.round((sum / count) * 10_000) / 10;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
