/**
 * The randomized fault suite (`npm run chaos`, tools/chaos) as a test: a few rounds with
 * fixed seeds and one fault kind each, so `npm test` covers a crash, a broker restart,
 * terminated Postgres connections and the answer lost after Odoo's commit followed by an
 * older level. It runs the script as a process (the script starts its own hub, broker and
 * Postgres) and reads its JSON summary, so the suite and the script cannot drift apart.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { testEndpoints } from '@hub/testing';

const root = resolve(__dirname, '../..');
const outDir = join(root, '.stack', 'chaos');
const summaryPath = join(outDir, 'e2e-summary.json');
const faults = ['answer-lost-then-older', 'kill-app', 'broker-restart', 'postgres-terminate'];
const seed = 1313;

interface RoundCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly figures: string;
}

interface Round {
  readonly seed: number;
  readonly fault: string;
  readonly checks: readonly RoundCheck[];
  readonly error?: string;
}

function runChaos(): Promise<number> {
  mkdirSync(outDir, { recursive: true });
  rmSync(summaryPath, { force: true });
  const log = createWriteStream(join(outDir, 'e2e.log'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'tools/chaos/main.ts'),
      ...['--rounds', String(faults.length), '--seed', String(seed)],
      ...['--faults', faults.join(','), '--json', summaryPath],
    ],
    {
      cwd: root,
      env: { ...process.env, SCHEMA_REGISTRY_URL: testEndpoints().schemaRegistryUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return new Promise((done) => {
    child.once('exit', (code) => {
      done(code ?? 1);
    });
  });
}

/** What did not hold in a round, with its figures, so the failure reads like the script's report. */
function failures(round: Round | undefined): string[] {
  if (!round) return ['round missing from the summary'];
  if (round.error !== undefined) return [`did not complete: ${round.error}`];
  return round.checks
    .filter((check) => !check.ok)
    .map((check) => `seed ${round.seed}: ${check.name}: ${check.figures}`);
}

describe('randomized faults (npm run chaos, fixed seeds)', () => {
  let rounds: Round[] = [];
  let exitCode = -1;

  beforeAll(async () => {
    exitCode = await runChaos();
    const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as { results: Round[] };
    rounds = summary.results;
  }, 900_000);

  it.each(faults)(
    '%s: nothing lost, nothing twice, never stale, no dead letter, ready in 15 s',
    (fault) => {
      const round = rounds.find((candidate) => candidate.fault === fault);
      expect(failures(round)).toEqual([]);
    },
  );

  it('the script exits 0 only when every check held', () => {
    const held = rounds.every((round) => failures(round).length === 0);
    expect(exitCode).toBe(held ? 0 : 1);
  });
});
