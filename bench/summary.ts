/**
 * The one-page answer of `npm run bench`: the ceiling (raw kafkajs, bare Fastify), the
 * ingress, the pipeline, the baseline, scale-out, their ratios against issue #20's targets
 * and CPU per 1,000 events per app, read from the JSON each benchmark wrote to its
 * BENCH_RESULT_FILE, plus the newest soak's verdict found in bench/results (the soak runs
 * on its own). A benchmark that failed or wrote nothing leaves its part null, and the
 * ratios that need it too.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hubTotalName } from './pipeline/cpu-meter';
import { targets } from './summary-targets';

export interface BenchRun {
  readonly name: string;
  readonly script: string;
  readonly ok: boolean;
  readonly seconds: number;
  readonly outputFile: string;
  readonly resultFile: string;
}

type Json = Record<string, unknown>;

function readResult(run: BenchRun | undefined): Json | null {
  if (!run?.ok || !existsSync(run.resultFile)) return null;
  return JSON.parse(readFileSync(run.resultFile, 'utf8')) as Json;
}

function numberAt(value: unknown, ...path: string[]): number | null {
  let current: unknown = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return null;
    current = (current as Json)[key];
  }
  return typeof current === 'number' && Number.isFinite(current) ? current : null;
}

const ratio = (a: number | null, b: number | null): number | null =>
  a === null || b === null || b === 0 ? null : a / b;

/** The newest soak-<time>.json in the results folder, if any. */
function newestSoak(resultsDir: string | undefined): Json | null {
  if (resultsDir === undefined || !existsSync(resultsDir)) return null;
  const newest = readdirSync(resultsDir)
    .filter((name) => /^soak-.*\.json$/.test(name))
    .sort()
    .at(-1);
  if (newest === undefined) return null;
  const soak = JSON.parse(readFileSync(join(resultsDir, newest), 'utf8')) as Json;
  return { file: join(resultsDir, newest), ...soak };
}

export function summarize(runs: readonly BenchRun[], at: string, resultsDir?: string): Json {
  const byName = (name: string): Json | null => readResult(runs.find((run) => run.name === name));
  const raw = byName('raw-kafkajs');
  const ingress = byName('ingress-vs-bare-fastify');
  const pipeline = byName('pipeline');
  const reviewerConsole = byName('dlq-console');
  const rawProduce = numberAt(raw, 'produce', 'eventsPerSecond');
  const rawConsume = numberAt(raw, 'consume', 'eventsPerSecond');
  // A produce-then-consume path runs at the slower of its two halves.
  const rawKafka =
    rawProduce === null || rawConsume === null ? null : Math.min(rawProduce, rawConsume);
  const ingressOverBareFastify = ratio(
    numberAt(ingress, 'ingress', 'acceptedPerSecond'),
    numberAt(ingress, 'bare', 'acceptedPerSecond'),
  );
  const soak = newestSoak(resultsDir);
  const verdict = soak?.['verdict'];
  const held = typeof verdict === 'object' && verdict !== null ? (verdict as Json)['held'] : null;
  return {
    at,
    ceiling: {
      rawKafkajs: raw && {
        produceEventsPerSecond: rawProduce,
        consumeEventsPerSecond: rawConsume,
        settings: raw['settings'],
      },
      bareFastify: ingress?.['bare'] ?? null,
    },
    ingress: ingress && { closedLoop: ingress['ingress'], openLoop: ingress['openLoop'] },
    pipeline: pipeline && {
      steady: pipeline['steady'],
      backlog: pipeline['backlog'],
      eventsPerSecond: pipeline['pipelineEventsPerSecond'],
    },
    baseline: pipeline?.['baseline'] ?? null,
    simulatorCapacity: pipeline?.['simulatorCapacity'] ?? null,
    scaleOut: pipeline?.['scaleOut'] ?? null,
    ingressHalfPeak: ingress?.['halfPeak'] ?? null,
    soak: soak && { file: soak['file'], png: soak['png'], minutes: soak['minutes'], verdict },
    ratios: {
      ingressOverBareFastify,
      pipelineOverRawKafka: ratio(numberAt(pipeline, 'pipelineEventsPerSecond'), rawKafka),
      hubOverBaseline: numberAt(pipeline, 'ratios', 'hubOverBaseline'),
      scaleOut: numberAt(pipeline, 'ratios', 'scaleOut'),
    },
    targets: targets({
      hubOverBaseline: numberAt(pipeline, 'ratios', 'hubOverBaseline'),
      cpuSteady: numberAt(pipeline, 'cpuSecondsPer1000', 'steady', hubTotalName),
      cpuDrain: numberAt(pipeline, 'cpuSecondsPer1000', 'drain', hubTotalName),
      ingressOverBare: ingressOverBareFastify,
      halfPeakP99Ms: numberAt(ingress, 'halfPeak', 'p99Ms'),
      scaleOut: numberAt(pipeline, 'ratios', 'scaleOut'),
      soakHeld: typeof held === 'boolean' ? held : null,
    }),
    cpuSecondsPer1000EventsPerApp: pipeline?.['cpuSecondsPer1000'] ?? null,
    dlqConsole: reviewerConsole && {
      items: reviewerConsole['items'],
      pages: reviewerConsole['consolePages'],
      api: reviewerConsole['api'],
    },
    runs: runs.map(({ name, script, ok, seconds, outputFile }) => ({
      name,
      script,
      ok,
      seconds: Math.round(seconds),
      output: outputFile,
    })),
  };
}
