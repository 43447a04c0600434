/**
 * `npm run bench` (not part of `npm test`): starts the local stack, runs every benchmark
 * script one after the other on the same broker and machine, keeps each one's output in
 * bench/results/<name>-<timestamp>.txt (and its JSON, where it writes one, beside it), then
 * prints and writes bench/results/summary-<timestamp>.json: the ceiling, the ingress, the
 * pipeline, the baseline, scale-out, issue #20's targets with ✔/✘, CPU per 1,000 events
 * per app, the newest soak's verdict and the reviewer console's page times (summary.ts).
 *
 *   npm run bench [-- --only pipeline,ingress-vs-bare-fastify] [--label before]
 *     [--profile connector-odoo,ingress]
 * --only runs those benchmarks alone; --label names the files <label>-<name>.json (and
 * <label>-summary.json) instead of <name>-<timestamp>.json; --profile runs those hub apps
 * with --cpu-prof in the pipeline (bench/results/profiles/<app>/).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stackUp } from '@hub/local-stack';
import { summarize, type BenchRun } from './summary';
import { formatSummary } from './summary-text';

const root = resolve(__dirname, '..');
const benchmarks = [
  { name: 'raw-kafkajs', script: 'libs/messaging/bench/raw-kafkajs.bench.ts' },
  { name: 'messaging-produce-consume', script: 'libs/messaging/bench/produce-consume.bench.ts' },
  { name: 'idempotency-begin-complete', script: 'libs/idempotency/bench/begin-complete.bench.ts' },
  {
    name: 'ingress-vs-bare-fastify',
    script: 'apps/ingress/bench/ingress-vs-bare-fastify.bench.ts',
  },
  {
    name: 'connector-runtime-write-path',
    script: 'libs/connector-runtime/bench/write-path.bench.ts',
  },
  { name: 'connector-odoo', script: 'apps/connector-odoo/bench/connector-odoo.bench.ts' },
  { name: 'retry-scheduler', script: 'apps/retry-scheduler/bench/scheduler.bench.ts' },
  // --profile is passed on to the scripts that start the hub.
  { name: 'pipeline', script: 'bench/pipeline/pipeline.bench.ts', takesProfile: true },
  { name: 'reconcile', script: 'bench/reconcile/reconcile.bench.ts' },
  // Alone: npm run bench:console.
  { name: 'dlq-console', script: 'apps/dlq-reviewer/bench/console.bench.ts' },
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      label: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const only = values.only?.split(',');
  const unknown = only?.filter((name) => !benchmarks.some((bench) => bench.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`no benchmark named ${unknown.join(', ')}`);
  await stackUp();
  const at = new Date().toISOString();
  const stamp = at.replace(/[:.]/g, '-');
  const fileOf = (name: string, extension: string): string =>
    values.label === undefined
      ? `${name}-${stamp}.${extension}`
      : `${values.label}-${name}.${extension}`;
  const results = join(root, 'bench/results');
  mkdirSync(results, { recursive: true });
  const runs: BenchRun[] = [];
  for (const { name, script, takesProfile } of benchmarks) {
    if (only !== undefined && !only.includes(name)) continue;
    console.log(`\n== ${name} (${script})`);
    const outputFile = join(results, fileOf(name, 'txt'));
    const resultFile = join(results, fileOf(name, 'json'));
    const started = performance.now();
    const profile =
      takesProfile === true && values.profile !== undefined ? ['--profile', values.profile] : [];
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, script), ...profile], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_RESULT_FILE: resultFile },
      maxBuffer: 64 * 1024 * 1024,
    });
    process.stdout.write(run.stdout);
    writeFileSync(outputFile, run.stdout);
    const seconds = (performance.now() - started) / 1000;
    runs.push({ name, script, ok: run.status === 0, seconds, outputFile, resultFile });
  }
  const summary = summarize(runs, at, results);
  const summaryFile = join(results, fileOf('summary', 'json'));
  writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`\n== summary (${summaryFile})\n${formatSummary(summary)}`);
  const failed = runs.filter((run) => !run.ok).map((run) => run.name);
  if (failed.length > 0) throw new Error(`benchmark(s) failed: ${failed.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
