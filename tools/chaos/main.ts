/**
 * `npm run chaos -- --rounds N --seed S [--faults kind,kind] [--json path] [--settle-seconds 60]`:
 * the randomized fault suite (issue 13). One hub (every app a process, on a private broker and
 * Postgres) for all rounds; each round's plan and fault follow from its seed, printed with
 * the checks' figures so a failure replays with `--rounds 1 --seed <round seed>`. Exits 1
 * when any check failed.
 */
import { join, resolve } from 'node:path';
import { startChaosHub, type ChaosHub } from './chaos-hub';
import { roundSeed } from './random';
import type { Tally } from './round-checks';
import { faultKinds, type FaultKind } from './round-plan';
import { playRound, type RoundResult } from './round';
import { formatRound, formatSummary, summarize, writeSummary } from './summary';

interface Options {
  readonly rounds: number;
  readonly seed: number;
  readonly faults: readonly FaultKind[];
  readonly json: string;
  readonly settleMs: number;
}

function parseOptions(args: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const faults = (value('faults') ?? '').split(',').filter((kind) => kind !== '');
  const unknown = faults.filter((kind) => !(faultKinds as readonly string[]).includes(kind));
  if (unknown.length > 0)
    throw new Error(`unknown fault kinds ${unknown.join(', ')}; known: ${faultKinds.join(', ')}`);
  const root = resolve(__dirname, '../..');
  return {
    rounds: Number(value('rounds') ?? '10'),
    seed: Number(value('seed') ?? String(Date.now() % 2 ** 31)),
    faults: faults as FaultKind[],
    json:
      value('json') ??
      join(
        root,
        '.stack',
        'chaos',
        `summary-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
      ),
    settleMs: Number(value('settle-seconds') ?? '60') * 1000,
  };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  console.log(
    `chaos: ${options.rounds} rounds, seed ${options.seed}${options.faults.length > 0 ? `, faults ${options.faults.join(',')}` : ''}`,
  );
  const chaos: ChaosHub = await startChaosHub((line) => {
    console.log(`  ${line}`);
  });
  const hubStartSeconds = (Date.now() - started) / 1000;
  console.log(`  hub ready in ${hubStartSeconds.toFixed(0)} s (logs in .stack/demo/<app>.log)\n`);
  const stop = (): void => {
    void chaos.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const tally: Tally = { lost: 0, duplicates: 0, stale: 0, deadLetters: 0, slowRestarts: 0 };
  const results: RoundResult[] = [];
  try {
    for (let round = 0; round < options.rounds; round += 1) {
      const seed = roundSeed(options.seed, round);
      const forced =
        options.faults.length > 0 ? options.faults[round % options.faults.length] : undefined;
      const result = await playRound(
        chaos,
        {
          round,
          seed,
          runTag: chaos.hub.layout.runId.slice(0, 6).toUpperCase(),
          forced,
          settleMs: options.settleMs,
        },
        tally,
      );
      results.push(result);
      const replay = `npm run chaos -- --rounds 1 --seed ${seed}${forced === undefined ? '' : ` --faults ${forced}`}`;
      console.log(formatRound(result, options.rounds, replay));
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await chaos.stop();
  }
  const summary = summarize(
    options.seed,
    results,
    tally,
    hubStartSeconds,
    (Date.now() - started) / 1000,
  );
  console.log(formatSummary(summary));
  writeSummary(options.json, summary);
  console.log(`  summary written to ${options.json}`);
  return summary.failedRounds === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(2);
  },
);
