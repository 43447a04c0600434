/**
 * `npm run bench` (not part of `npm test`): starts the local stack, runs every benchmark
 * script the project has so far, one after the other on the same broker and machine, and
 * keeps each one's output in bench/results/<name>-<timestamp>.txt.
 * The end-to-end pipeline benchmarks arrive with the apps.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stackUp } from '@hub/local-stack';

const root = resolve(__dirname, '..');
const benchmarks = [
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
];

async function main(): Promise<void> {
  await stackUp();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let failed = 0;
  for (const { name, script } of benchmarks) {
    console.log(`\n== ${name} (${script})`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, script)], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    process.stdout.write(run.stdout);
    writeFileSync(join(root, 'bench/results', `${name}-${stamp}.txt`), run.stdout);
    if (run.status !== 0) failed += 1;
  }
  if (failed > 0) throw new Error(`${failed} benchmark(s) failed`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
