/**
 * The pipeline benchmark (issue 8): a WMS inventory-level webhook to the simulated Odoo's
 * write, through the whole hub as the demo and the e2e suite run it (ERP simulator and six
 * apps as processes, real Kafka, registry and Postgres, no added latency).
 *   1. steady state, open loop, at each offered rate: writes/s and end-to-end latency;
 *   2. a backlog of N levels queued while connector-odoo is down, then drained;
 *   3. CPU seconds per 1,000 events per app, for both, and the hub's total;
 *   4. the baseline (a plain kafkajs consumer making the same Odoo calls) draining the same
 *      backlog, the simulator's own capacity, and a second backlog drained by two
 *      connector-odoo replicas (comparison-phases.ts).
 * Every event must be written exactly once (outcomes and the simulator's call counter);
 * the exit code is 1 when not.
 *
 *   npx tsx bench/pipeline/pipeline.bench.ts [--rates 50,100,200] [--seconds 25] [--connector-rps 100000]
 *     [--backlog 20000] [--skus 2000] [--concurrency 50] [--baseline yes|no]
 *     [--capacity-seconds 15] [--capacity-workers 16] [--scale-out <events, default --backlog>] [--replicas 2]
 *     [--profile connector-odoo,ingress,…: V8 CPU profiles in bench/results/profiles]
 */
import type { Hub, HubApp } from '@hub/demo';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runBacklog, type BacklogResult } from './backlog-phase';
import { loadAndWatcher, withBenchHub } from './bench-hub';
import { benchSubjects, connectorSettings } from './bench-subjects';
import { runComparisons, type ComparisonResult } from './comparison-phases';
import { cpuWindow, type PhaseContext } from './phase-context';
import {
  backlogLines,
  comparisonLines,
  cpuTable,
  steadyTable,
  writeResult,
  type PipelineResult,
} from './report';
import { benchWarehouse, seedProducts } from './seed-products';
import { runSteady, type SteadyResult } from './steady-phase';
import { warmUp } from './warm-up';

function settingsFrom(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rates: { type: 'string', default: '50,100,200' },
      // The demo's hub limits connector-odoo to 100 writes/s; the bench measures capacity.
      'connector-rps': { type: 'string', default: '100000' },
      profile: { type: 'string', default: '' },
      seconds: { type: 'string', default: '25' },
      backlog: { type: 'string', default: '20000' },
      skus: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '50' },
      baseline: { type: 'string', default: 'yes' },
      'capacity-seconds': { type: 'string', default: '15' },
      'capacity-workers': { type: 'string', default: '16' },
      'scale-out': { type: 'string' },
      replicas: { type: 'string', default: '2' },
    },
  });
  const rates = values.rates.split(',').map(Number);
  const settings = {
    ratesPerSecond: rates,
    secondsPerRate: Number(values.seconds),
    backlogEvents: Number(values.backlog),
    skus: Number(values.skus),
    backlogConcurrency: Number(values.concurrency),
    connectorRps: Number(values['connector-rps']),
    profiled: values.profile.split(',').filter((app) => app !== '') as HubApp[],
    comparisons: {
      baseline: values.baseline !== 'no',
      capacitySeconds: Number(values['capacity-seconds']),
      capacityWorkers: Number(values['capacity-workers']),
      scaleOutBacklog: Number(values['scale-out'] ?? values.backlog),
      scaleOutReplicas: Number(values.replicas),
      backlogConcurrency: Number(values.concurrency),
    },
  };
  const numbers = [
    ...rates,
    settings.connectorRps,
    settings.secondsPerRate,
    settings.skus,
    settings.backlogConcurrency,
  ];
  const { capacitySeconds, capacityWorkers, scaleOutBacklog, scaleOutReplicas } =
    settings.comparisons;
  const counts = [settings.backlogEvents, capacitySeconds, scaleOutBacklog];
  if (
    [...numbers, capacityWorkers, scaleOutReplicas].some((n) => !(n > 0)) ||
    counts.some((n) => !(n >= 0))
  )
    throw new Error(`invalid options: ${JSON.stringify(settings)}`);
  return settings;
}

type Settings = ReturnType<typeof settingsFrom>;
type Check = { text: string; ok: boolean };

const progress = (line: string): void => {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

function exactly(what: string, expected: number, applied: number, calls: number): Check[] {
  return [
    { text: `${what}: ${applied}/${expected} written`, ok: applied === expected },
    { text: `${what}: ${calls} Odoo applies for ${expected} events`, ok: calls === expected },
  ];
}

async function measure(hub: Hub, settings: Settings, stamp: string): Promise<PipelineResult> {
  const skus = await seedProducts(hub, settings.skus);
  const sockets = Math.max(64, settings.backlogConcurrency);
  const { load, watcher } = await loadAndWatcher(hub, skus, 'pipeline', sockets);
  const loads: number[] = [];
  const loadSampler = setInterval(() => loads.push(loadavg()[0] ?? 0), 5_000);
  const context: PhaseContext = { hub, load, watcher, cpu: benchSubjects(hub), progress };
  const checks: Check[] = [];
  try {
    progress(`warm-up: one level for each of ${skus.length} SKUs`);
    const warm = await warmUp(context, skus.length, 20);
    checks.push(...exactly('warm-up', warm.events, warm.applied, warm.applyCalls));

    const steady: SteadyResult[] = [];
    const steadyCpu = cpuWindow(context);
    for (const rate of settings.ratesPerSecond) {
      progress(`steady: ${rate}/s for ${settings.secondsPerRate} s (open loop)`);
      const row = await runSteady(context, rate, settings.secondsPerRate);
      steady.push(row);
      checks.push(...exactly(`steady ${rate}/s`, row.events, row.applied, row.applyCalls));
    }
    const steadyCpuPer1000 = steadyCpu(steady.reduce((sum, row) => sum + row.events, 0));

    let backlog: BacklogResult | null = null;
    if (settings.backlogEvents > 0) {
      progress(`backlog: ${settings.backlogEvents} levels queued with connector-odoo stopped`);
      backlog = await runBacklog(context, settings.backlogEvents, settings.backlogConcurrency);
      checks.push(
        { text: `backlog: ingress accepted every level`, ok: backlog.notAccepted === 0 },
        ...exactly('backlog', backlog.events, backlog.applied, backlog.applyCalls),
      );
    }
    const comparisons = await runComparisons(context, backlog, skus, settings.comparisons);
    checks.push(...comparisons.checks);
    checks.push({ text: 'no event written twice (outcomes)', ok: watcher.duplicates === 0 });
    // A redelivery (a rebalance when replicas join) the idempotency store recognises is
    // answered `duplicate` without a second apply: the apply counts above hold the guarantee.
    const others = Object.entries(watcher.others).filter(([kind]) => kind !== 'duplicate');
    checks.push({
      text: `outcomes other than succeeded or duplicate: ${others.length === 0 ? 'none' : JSON.stringify(watcher.others)}`,
      ok: others.length === 0,
    });
    return {
      benchmark: 'pipeline',
      at: new Date().toISOString(),
      settings: { ...settings, stamp, runId: hub.layout.runId, warehouse: benchWarehouse },
      steady,
      backlog,
      cpuSecondsPer1000: {
        steady: steadyCpuPer1000,
        drain: backlog?.cpuSecondsPer1000.drain ?? null,
        intake: backlog?.cpuSecondsPer1000.intake ?? null,
        'scale-out drain': comparisons.scaleOut?.cpuSecondsPer1000.drain ?? null,
      },
      pipelineEventsPerSecond: backlog?.firstToLastPerSecond ?? null,
      ...comparisonFigures(comparisons, backlog),
      checks,
      environment: {
        cpus: cpus().length,
        loadAverage1m: {
          min: Math.min(...loads),
          max: Math.max(...loads),
          mean: loads.reduce((sum, value) => sum + value, 0) / Math.max(1, loads.length),
        },
        connectorSettings: connectorSettings(hub),
      },
    };
  } finally {
    clearInterval(loadSampler);
    load.close();
    await watcher.stop();
  }
}

/** The comparisons and their ratios (drain rates first to last write, start-up left out). */
function comparisonFigures(comparisons: ComparisonResult, backlog: BacklogResult | null) {
  const { baseline, simulatorCapacity, scaleOut } = comparisons;
  const oneReplica = backlog?.firstToLastPerSecond ?? null;
  const over = (a: number | null | undefined, b: number | null | undefined): number | null =>
    a === null || a === undefined || !b ? null : Math.round((a / b) * 1000) / 1000;
  return {
    baseline,
    simulatorCapacity,
    scaleOut,
    ratios: {
      hubOverBaseline: over(oneReplica, baseline?.firstToLastPerSecond),
      scaleOut: over(scaleOut?.firstToLastPerSecond, oneReplica),
    },
  };
}

function print(result: PipelineResult, file: string, wallSeconds: number): void {
  console.log('\nSteady state (open loop; latency = outcome CreateTime - scheduled send)');
  console.log(steadyTable(result.steady));
  if (result.backlog) {
    console.log('\nBacklog drain');
    console.log(backlogLines(result.backlog));
  }
  console.log(comparisonLines(result));
  console.log('');
  console.log(cpuTable(result.cpuSecondsPer1000));
  console.log('\nChecks');
  for (const check of result.checks) console.log(`  ${check.ok ? '✔' : '✘'} ${check.text}`);
  console.log(`\nload average (1 min) during the run: ${JSON.stringify(result.environment)}`);
  console.log(`pipeline events/s (drain, first to last write): ${result.pipelineEventsPerSecond}`);
  console.log(`wall time ${wallSeconds.toFixed(0)} s; result in ${file}`);
}

function main(): Promise<number> {
  const settings = settingsFrom(process.argv.slice(2));
  const started = Date.now();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return withBenchHub(
    settings.connectorRps,
    progress,
    async (hub) => {
      const result = await measure(hub, settings, stamp);
      const file = writeResult(result, stamp);
      print(result, file, (Date.now() - started) / 1000);
      return result.checks.every((check) => check.ok) ? 0 : 1;
    },
    settings.profiled,
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
