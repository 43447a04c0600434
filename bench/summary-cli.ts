/**
 * The summary of result files written earlier (e.g. by benchmarks run one by one):
 *
 *   npx tsx bench/summary-cli.ts --label before pipeline=bench/results/before-pipeline.json \\
 *     ingress-vs-bare-fastify=bench/results/before-ingress-vs-bare-fastify.json
 *
 * Prints it and writes bench/results/<label>-summary.json.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { summarize, type BenchRun } from './summary';
import { formatSummary } from './summary-text';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { label: { type: 'string', default: 'files' } },
});
const results = resolve(__dirname, 'results');
const runs: BenchRun[] = positionals.map((pair) => {
  const [name = '', file = ''] = pair.split('=');
  const resultFile = resolve(file);
  if (!existsSync(resultFile)) throw new Error(`${name}: no file ${resultFile}`);
  return { name, script: '', ok: true, seconds: 0, outputFile: '', resultFile };
});
const summary = summarize(runs, new Date().toISOString(), results);
const file = join(results, `${values.label}-summary.json`);
writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`${formatSummary(summary)}\n\nwritten ${file}`);
