/**
 * The soak (issue #20): the whole hub as processes (as the pipeline bench starts it), WMS
 * levels offered open loop at half its measured capacity (after a round that warms it up)
 * for `--minutes`, each app's RSS and JS heap in use (from its /metrics) and the hub's
 * consumer lag sampled all along. Writes bench/results/soak-<time>.json, the RSS plot
 * soak-<time>.png and the heap floor's soak-<time>-heap.png; the verdict (soak-verdict.ts):
 * after the warm-up (the first fifth) no app's heap floor (its lowest heap in use per
 * `--floor-seconds`, what survives collections) trends up 10 % or more (Theil–Sen line), and
 * the lag does not grow. The RSS trend is reported beside it. Exit code 1 when not.
 *
 *   npm run soak -- [--minutes 30] [--rate <per second; default half the measured capacity>]
 *     [--sample-seconds 5] [--floor-seconds 60] [--skus 1000] [--label <name instead of the time>]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { topics } from '@hub/contracts';
import type { Hub, HubApp } from '@hub/demo';
import { loadAndWatcher, withBenchHub } from '../pipeline/bench-hub';
import type { OutcomeWatcher } from '../pipeline/outcome-watcher';
import { keyOf } from '../pipeline/phase-context';
import { seedProducts } from '../pipeline/seed-products';
import { countStatus, type StatusCounts, type WmsLoad } from '../pipeline/wms-load';
import { plotMemory, type Series } from './memory-plot';
import { heapUsedMegabytes, LagReader, rssMegabytes, type LagGroup } from './soak-sampler';
import { floorPoints, judge, type Sample, type Trend } from './soak-verdict';

const hubApps: readonly HubApp[] = [
  'ingress',
  'connector-odoo',
  'connector-http',
  'retry-scheduler',
  'dlq-reviewer',
];

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    rate: { type: 'string' },
    'sample-seconds': { type: 'string', default: '5' },
    'floor-seconds': { type: 'string', default: '60' },
    skus: { type: 'string', default: '1000' },
    label: { type: 'string' },
  },
});
const minutes = Number(values.minutes);
const sampleSeconds = Number(values['sample-seconds']);
const floorSeconds = Number(values['floor-seconds']);
const skuCount = Number(values.skus);
if (![minutes, sampleSeconds, floorSeconds, skuCount].every((n) => n > 0))
  throw new Error(`invalid options: ${JSON.stringify(values)}`);

const progress = (line: string): void => {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

/** Writes/s with one level per SKU posted at once (closed loop, 20 in flight): the capacity. */
async function capacity(load: WmsLoad, watcher: OutcomeWatcher, skus: number): Promise<number> {
  const events = Array.from({ length: skus }, () => load.next());
  const started = Date.now();
  let next = 0;
  const sender = async (): Promise<void> => {
    while (next < events.length) {
      const event = events[next];
      next += 1;
      if (event !== undefined) await load.post(event);
    }
  };
  await Promise.all(Array.from({ length: 20 }, sender));
  const keys = events.map(keyOf);
  const written = await watcher.waitFor(keys, 600_000);
  const last = Math.max(...keys.map((key) => watcher.succeeded.get(key) ?? 0));
  return written / Math.max(0.001, (last - started) / 1000);
}

function lagGroups(hub: Hub): LagGroup[] {
  const { layout } = hub;
  return [
    { groupId: `connector-${layout.systems.odoo}`, topic: topics.inventoryLevel },
    { groupId: `${layout.groups.retry}.outcomes`, topic: topics.deliveryOutcome },
    { groupId: `${layout.groups.dlq}-outcomes`, topic: topics.deliveryOutcome },
  ];
}

const tenths = (mb: number): number => Math.round(mb * 10) / 10;

async function sample(hub: Hub, lag: LagReader, t: number): Promise<Sample> {
  const rss: Record<string, number> = {};
  const heap: Record<string, number> = {};
  for (const app of [...hubApps, 'erp-simulator' as const]) {
    const running = hub.apps.get(app);
    const mb = rssMegabytes(running?.process.pid);
    if (mb !== undefined) rss[app] = tenths(mb);
    const heapMb =
      running === undefined ? undefined : await heapUsedMegabytes(running.spec.readyUrl);
    if (heapMb !== undefined) heap[app] = tenths(heapMb);
  }
  const lags: Record<string, number> = {};
  for (const group of lagGroups(hub)) {
    const behind = await lag.lag(group).catch(() => undefined);
    if (behind !== undefined) lags[group.groupId] = behind;
  }
  return { t: tenths(t), rss, heap, lag: lags };
}

async function soak(hub: Hub, stamp: string): Promise<boolean> {
  const skus = await seedProducts(hub, skuCount);
  const { load, watcher } = await loadAndWatcher(hub, skus, 'soak', 64);
  const lag = await LagReader.connect(hub.stack.kafkaBrokers);
  try {
    progress(`capacity: one level for each of ${skus.length} SKUs, 20 in flight, twice`);
    // The first round warms the apps and connector-odoo's lookups; the second is measured.
    await capacity(load, watcher, skus.length);
    const measured = await capacity(load, watcher, skus.length);
    const rate =
      values.rate === undefined ? Math.max(1, Math.round(measured / 2)) : Number(values.rate);
    const durationMs = minutes * 60_000;
    const warmUpSeconds = (minutes * 60) / 5;
    progress(
      `capacity ${measured.toFixed(1)}/s; soak at ${rate}/s for ${minutes} min (warm-up ${warmUpSeconds} s)`,
    );

    const statuses: StatusCounts = {};
    const samples: Sample[] = [];
    const start = Date.now();
    let sent = 0;
    const sender = setInterval(() => {
      const due = Math.min(
        Math.floor(((Date.now() - start) * rate) / 1000),
        (durationMs * rate) / 1000,
      );
      for (; sent < due; sent += 1)
        void load.post(load.next()).then((result) => {
          countStatus(statuses, result);
        });
    }, 10);
    let sampling = Promise.resolve();
    const sampler = setInterval(() => {
      sampling = sampling.then(async () => {
        samples.push(await sample(hub, lag, (Date.now() - start) / 1000));
      });
    }, sampleSeconds * 1000);
    const reporter = setInterval(() => {
      const last = samples.at(-1);
      progress(
        `  ${((Date.now() - start) / 60_000).toFixed(1)} min: sent ${sent}, written ${watcher.succeeded.size}; ${JSON.stringify(last?.rss)} lag ${JSON.stringify(last?.lag)}`,
      );
    }, 60_000);
    await new Promise((done) => setTimeout(done, durationMs));
    clearInterval(sender);
    clearInterval(sampler);
    clearInterval(reporter);
    await sampling;

    const verdict = judge(samples, warmUpSeconds, hubApps, rate * 10, floorSeconds);
    const results = resolve(__dirname, '../results');
    mkdirSync(results, { recursive: true });
    const name = `soak-${values.label ?? stamp}`;
    const png = join(results, `${name}.png`);
    const heapPng = join(results, `${name}-heap.png`);
    const seriesOf = (of: (sample: Sample, app: HubApp) => number | undefined): Series[] =>
      hubApps.map((app) => ({
        name: app,
        points: samples.flatMap((s) => {
          const mb = of(s, app);
          return mb === undefined ? [] : [[s.t, mb] as const];
        }),
      }));
    const offered = `${minutes} MIN AT ${rate}/S (CAPACITY ${Math.round(measured)}/S)`;
    plotMemory(png, {
      title: `SOAK: RSS PER APP, ${offered}`,
      yLabel: 'RSS MB',
      warmUpEndSeconds: warmUpSeconds,
      series: seriesOf((s, app) => s.rss[app]),
    });
    plotMemory(heapPng, {
      title: `SOAK: HEAP FLOOR (LOWEST USED PER ${floorSeconds} S), ${offered}`,
      yLabel: 'HEAP MB',
      warmUpEndSeconds: warmUpSeconds,
      series: seriesOf((s, app) => s.heap?.[app]).map((series) => ({
        name: series.name,
        points: floorPoints(series.points, 0, floorSeconds),
      })),
    });
    const file = join(results, `${name}.json`);
    const result = {
      benchmark: 'soak',
      at: new Date().toISOString(),
      minutes,
      ratePerSecond: rate,
      capacityPerSecond: Math.round(measured * 10) / 10,
      warmUpSeconds,
      sampleSeconds,
      sent,
      written: watcher.succeeded.size,
      statuses,
      verdict,
      png: relative(resolve(__dirname, '../..'), png),
      heapPng: relative(resolve(__dirname, '../..'), heapPng),
      lagGroups: lagGroups(hub),
      samples,
    };
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `soak ${minutes} min at ${rate}/s: ${verdict.held ? 'held' : 'NOT held'}: ${verdict.text}`,
    );
    const trend = (what: string, line: Trend | undefined): string =>
      line === undefined
        ? `${what} not sampled`
        : `${what} ${String(line.startMb).padStart(6)} → ${String(line.endMb).padStart(6)} MB (${(line.growth * 100).toFixed(1)} %, ${line.mbPerMinute} MB/min)`;
    for (const [app, growth] of Object.entries(verdict.apps))
      console.log(
        `  ${app.padEnd(16)} ${trend('heap floor', growth.heapFloor)}; ${trend('RSS', growth.rss)} ${growth.ok ? '✔' : '✘'}`,
      );
    console.log(`written ${file}, ${png} and ${heapPng}`);
    return verdict.held;
  } finally {
    load.close();
    await lag.close();
    await watcher.stop();
  }
}

function main(): Promise<number> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return withBenchHub(100_000, progress, async (hub) => ((await soak(hub, stamp)) ? 0 : 1));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
