/**
 * Retry scheduler benchmark on the real stack: 10,000 pending retries with scaled time.
 *   Phase 1 (lateness): 10,000 retries whose due times are spread over 10 s; lateness =
 *     time the redelivery reached a consumer minus its due time.
 *   Phase 2 (throughput): 10,000 retries all due at the same instant, drain rate unbounded;
 *     redeliveries per second from the due time to the last one consumed.
 *   Phase 3 (bounded drain): 200 retries due at once on a target with drainRate 20/s: the
 *     achieved redeliveries per second against the configured rate (the integration test
 *     drain.int-spec.ts asserts only bounds that hold under load).
 * Also the process RSS (scheduler, bench producer and consumer in one process) at its peak.
 *   npx tsx apps/retry-scheduler/bench/scheduler.bench.ts [--count 10000]
 */
import { uniqueTarget, useStackEndpoints } from '../src/testing/bench-support';
import {
  FakeConnector,
  redeliveries,
  type Received,
  type TopicCollector,
} from '../src/testing/fake-connector';
import { schedulerDeployment, type RunningScheduler } from '../src/testing/scheduler-harness';
import { waitForStatus } from '../src/testing/status-client';

const countArgument = process.argv.indexOf('--count');
const COUNT = countArgument > 0 ? Number(process.argv[countArgument + 1]) : 10_000;
const SCALE = 0.025; // RETRY_SCHEDULE 30m → 45 s, time enough to take in 10,000 retries first
const DELAY_MS = 30 * 60_000 * SCALE;
const SPREAD_MS = 10_000;
const DRAIN_RATE = 20;
const DRAIN_COUNT = Math.min(COUNT, 200);

useStackEndpoints();

let peakRss = 0;
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function enqueue(
  connector: FakeConnector,
  target: string,
  times: readonly number[],
): Promise<Map<string, number>> {
  const due = new Map<string, number>();
  for (let start = 0; start < times.length; start += 500) {
    const slice = times.slice(start, start + 500);
    const writes = slice.map(() => connector.write());
    writes.forEach((write, index) =>
      due.set(write.envelope.eventId, (slice[index] ?? 0) + DELAY_MS),
    );
    await connector.failFirstMany(writes, target, slice);
  }
  return due;
}

async function phase(
  name: string,
  scheduler: RunningScheduler,
  connector: FakeConnector,
  target: string,
  times: readonly number[],
): Promise<void> {
  const collector: TopicCollector<Received> = await redeliveries(target);
  const enqueueStart = Date.now();
  const due = await enqueue(connector, target, times);
  await waitForStatus(
    scheduler.url,
    target,
    (status) => status.pending + collector.items.length >= times.length,
    300_000,
  );
  const intakeMs = Date.now() - enqueueStart;
  const firstDue = Math.min(...due.values());
  if (Date.now() > firstDue)
    console.log(`${name}: intake finished after the first due time; lateness includes it`);
  const received = await collector.waitFor(times.length, 300_000);
  await collector.close();
  const lateness = received
    .map((item) => item.receivedAt - (due.get(item.eventId) ?? NaN))
    .sort((a, b) => a - b);
  const early = lateness.filter((ms) => ms < 0).length;
  const lastAt = Math.max(...received.map((item) => item.receivedAt));
  const unique = new Set(received.map((item) => item.eventId)).size;
  console.log(
    JSON.stringify({
      phase: name,
      retries: times.length,
      unique,
      intakeMs,
      intakePerSecond: Math.round((times.length * 1_000) / intakeMs),
      latenessMs: {
        p50: percentile(lateness, 50),
        p99: percentile(lateness, 99),
        max: lateness.at(-1),
      },
      early,
      redeliveryPerSecond: Math.round((times.length * 1_000) / Math.max(1, lastAt - firstDue)),
      spanMs: lastAt - firstDue,
    }),
  );
}

async function main(): Promise<void> {
  const spreadTarget = uniqueTarget('bench-spread');
  const burstTarget = uniqueTarget('bench-burst');
  const drainTarget = uniqueTarget('bench-drain');
  const targets = [
    { id: spreadTarget },
    { id: burstTarget },
    { id: drainTarget, drainRate: DRAIN_RATE },
  ];
  const deployment = await schedulerDeployment(targets, {
    RETRY_SCHEDULE: '30m',
    RETRY_MAX_AGE: '24h',
    RETRY_TIME_SCALE: String(SCALE),
    RETRY_DRAIN_RATE: '1000000',
    RETRY_POLL_INTERVAL: '20ms',
    RETRY_BATCH_SIZE: '500',
  });
  const scheduler = await deployment.start();
  const connector = await FakeConnector.start();
  try {
    const base = Date.now();
    await phase(
      'spread over 10 s',
      scheduler,
      connector,
      spreadTarget,
      Array.from({ length: COUNT }, (_, i) => base + (i * SPREAD_MS) / COUNT),
    );
    const burstAt = Date.now();
    await phase(
      'all due at once',
      scheduler,
      connector,
      burstTarget,
      Array.from({ length: COUNT }, () => burstAt),
    );
    const drainAt = Date.now();
    console.log(JSON.stringify({ phase: 'bounded drain', configuredPerSecond: DRAIN_RATE }));
    await phase(
      `bounded drain at ${DRAIN_RATE}/s`,
      scheduler,
      connector,
      drainTarget,
      Array.from({ length: DRAIN_COUNT }, () => drainAt),
    );
    console.log(
      JSON.stringify({
        peakRssMiB: Math.round(peakRss / 2 ** 20),
        heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      }),
    );
  } finally {
    clearInterval(rssTimer);
    await scheduler.stop();
    await connector.close();
    await deployment.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
