/**
 * Events/s through the runtime's write path with a no-op target (the fake adapter), on
 * the real stack: what the runtime itself costs per event (idempotency begin/complete in
 * Postgres, outcome produce with acks=all), without any ERP latency.
 *
 *   npx tsx --tsconfig tsconfig.base.json libs/connector-runtime/bench/write-path.bench.ts [--events 2000] [--concurrency 4]
 *     [--key-concurrency 8]
 *
 * cpuMsPer1000 is this process's CPU from the first publish to the last write, per 1,000
 * events: the runtime's own cost plus the bench's publishing, which is the same in every run.
 */
import { FakeWriteAdapter } from '../src/testing/fake-write-adapter';
import { RuntimeHarness } from '../src/testing/runtime-harness';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : process.argv[index + 1];
  return value === undefined ? fallback : Number(value);
}

async function main(): Promise<void> {
  // The harness reads the stack's endpoints as the test tiers' global setup leaves them.
  process.env['KAFKA_BROKERS'] ??= '127.0.0.1:9092';
  process.env['SCHEMA_REGISTRY_URL'] ??= 'http://127.0.0.1:8081/apis/ccompat/v7';
  process.env['DATABASE_URL'] ??= 'postgres://postgres@127.0.0.1:5432/hub';
  const events = argument('events', 2_000);
  const concurrency = argument('concurrency', 4);
  const keyConcurrency = argument('key-concurrency', 8);
  const harness = new RuntimeHarness();
  const adapter = new FakeWriteAdapter();
  try {
    await harness.start(
      { write: adapter },
      {
        CONNECTOR_CONCURRENCY: String(concurrency),
        CONNECTOR_KEY_CONCURRENCY: String(keyConcurrency),
        CONNECTOR_RATE_LIMIT_RPS: '100000',
        CONNECTOR_RATE_LIMIT_BURST: '100000',
      },
    );
    const batch = Array.from({ length: events }, (_, i) =>
      harness.inventory(`SKU-${i % 500}`, String(i), 1_000 + i),
    );
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < batch.length; i += 500) await harness.publish(batch.slice(i, i + 500));
    const startedAt = Date.now();
    const first = adapter.applyCalls.length;
    while (adapter.applyCalls.length < events) {
      if (Date.now() - startedAt > 300_000)
        throw new Error(`only ${adapter.applyCalls.length} of ${events} applied`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cpu = process.cpuUsage(cpuBefore);
    const times = adapter.applyCalls.map((call) => call.at).sort((a, b) => a - b);
    const seconds = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1_000;
    console.log(
      JSON.stringify({
        events,
        concurrency,
        keyConcurrency,
        partitions: 3,
        alreadyAppliedAtStart: first,
        seconds,
        eventsPerSecond: Math.round(events / seconds),
        cpuMsPer1000: Math.round(((cpu.user + cpu.system) / 1000 / events) * 1000),
      }),
    );
  } finally {
    await harness.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
