/**
 * `npm run chaos -- [--erp odoo|sap|dynamics-finance|business-central] --rounds N --seed S [--faults kind,kind]
 * [--json path] [--settle-seconds 60]`:
 * the randomized fault suite (issue 13). One hub (every app a process, on a private broker and
 * Postgres) for all rounds; each round's plan and fault follow from its seed, printed with
 * the checks' figures so a failure replays with `--rounds 1 --seed <round seed>`. Exits 1
 * when any check failed.
 */
import { join, resolve } from 'node:path';
import type { Hub } from '@hub/demo';
import { startChaosHub, type ChaosHub } from './chaos-hub';
import { startErpChaosHub } from './erp-hub';
import { chaosErps, type ChaosErp } from './erp-state';
import { erpFaultKinds, type ErpFaultKind } from './erp-plan';
import { playErpRound } from './erp-round';
import { roundSeed } from './random';
import type { Tally } from './round-checks';
import { faultKinds, type FaultKind } from './round-plan';
import { playRound, type RoundResult } from './round';
import { formatRound, formatSummary, summarize, writeSummary } from './summary';

interface Options {
  readonly erp: ChaosErp | 'odoo';
  readonly rounds: number;
  readonly seed: number;
  readonly faults: readonly string[];
  readonly json: string;
  readonly settleMs: number;
}

const isChaosErp = (erp: string): erp is ChaosErp | 'odoo' =>
  erp === 'odoo' || (chaosErps as readonly string[]).includes(erp);

function parseOptions(args: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const erp = value('erp') ?? 'odoo';
  const erps: readonly string[] = ['odoo', ...chaosErps];
  if (!isChaosErp(erp)) throw new Error(`--erp ${erp}: one of ${erps.join(', ')}`);
  const known: readonly string[] = erp === 'odoo' ? faultKinds : erpFaultKinds;
  const faults = (value('faults') ?? '').split(',').filter((kind) => kind !== '');
  const unknown = faults.filter((kind) => !known.includes(kind));
  if (unknown.length > 0)
    throw new Error(`unknown fault kinds ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const root = resolve(__dirname, '../..');
  return {
    erp,
    rounds: Number(value('rounds') ?? '10'),
    seed: Number(value('seed') ?? String(Date.now() % 2 ** 31)),
    faults,
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

interface RoundOptions {
  readonly round: number;
  readonly seed: number;
  readonly runTag: string;
  readonly forced?: string;
  readonly settleMs: number;
}

/** The hub of the run and how a round is played on it (Odoo, or SAP / F&O / Business Central). */
interface Runner {
  readonly hub: Hub;
  play(round: RoundOptions, tally: Tally): Promise<RoundResult>;
  stop(): Promise<void>;
}

async function startRunner(options: Options, log: (line: string) => void): Promise<Runner> {
  if (options.erp === 'odoo') {
    const chaos: ChaosHub = await startChaosHub(log);
    return {
      hub: chaos.hub,
      play: ({ forced, ...round }, tally) =>
        playRound(chaos, { ...round, forced: forced as FaultKind | undefined }, tally),
      stop: () => chaos.stop(),
    };
  }
  const chaos = await startErpChaosHub(options.erp, log);
  return {
    hub: chaos.hub,
    play: ({ forced, ...round }, tally) =>
      playErpRound(chaos, { ...round, forced: forced as ErpFaultKind | undefined }, tally),
    stop: () => chaos.stop(),
  };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  console.log(
    `chaos (${options.erp}): ${options.rounds} rounds, seed ${options.seed}${options.faults.length > 0 ? `, faults ${options.faults.join(',')}` : ''}`,
  );
  const chaos = await startRunner(options, (line) => {
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
      const result = await chaos.play(
        {
          round,
          seed,
          runTag: chaos.hub.layout.runId.slice(0, 6).toUpperCase(),
          ...(forced === undefined ? {} : { forced }),
          settleMs: options.settleMs,
        },
        tally,
      );
      results.push(result);
      const erpOption = options.erp === 'odoo' ? '' : `--erp ${options.erp} `;
      const replay = `npm run chaos -- ${erpOption}--rounds 1 --seed ${seed}${forced === undefined ? '' : ` --faults ${forced}`}`;
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
