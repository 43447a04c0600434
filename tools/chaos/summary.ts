/** The run's summary: printed for a person, written as JSON for the e2e spec and for CI. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Tally } from './round-checks';
import type { RoundResult } from './round';

export interface ChaosSummary {
  readonly seed: number;
  readonly rounds: number;
  readonly failedRounds: number;
  readonly faultsByKind: Record<string, number>;
  readonly lost: number;
  readonly duplicates: number;
  readonly stale: number;
  readonly deadLetters: number;
  readonly slowRestarts: number;
  readonly hubStartSeconds: number;
  readonly roundSeconds: { readonly mean: number; readonly max: number };
  readonly totalSeconds: number;
  /** Per failed check: the seeds (and fault) of the rounds where it failed. */
  readonly failedChecks: Record<string, string[]>;
  readonly results: readonly RoundResult[];
}

export function summarize(
  seed: number,
  results: readonly RoundResult[],
  tally: Tally,
  hubStartSeconds: number,
  totalSeconds: number,
): ChaosSummary {
  const faultsByKind: Record<string, number> = {};
  const failedChecks: Record<string, string[]> = {};
  for (const result of results) {
    faultsByKind[result.fault] = (faultsByKind[result.fault] ?? 0) + 1;
    const failed =
      result.error === undefined
        ? result.checks.filter((c) => !c.ok).map((c) => c.name)
        : ['round did not complete'];
    for (const name of failed) (failedChecks[name] ??= []).push(`${result.seed} (${result.fault})`);
  }
  const seconds = results.map((result) => result.seconds);
  return {
    seed,
    rounds: results.length,
    failedRounds: results.filter((result) => !result.ok).length,
    faultsByKind,
    ...tally,
    hubStartSeconds,
    roundSeconds: {
      mean: seconds.length === 0 ? 0 : seconds.reduce((a, b) => a + b, 0) / seconds.length,
      max: seconds.length === 0 ? 0 : Math.max(...seconds),
    },
    totalSeconds,
    failedChecks,
    results,
  };
}

export function formatRound(result: RoundResult, total: number, replay: string): string {
  const lines = [
    `${result.ok ? '✔' : '✘'} round ${result.round + 1}/${total} seed ${result.seed} fault ${result.fault}: ${result.faultDetail} (${result.seconds.toFixed(1)} s)`,
  ];
  if (result.error !== undefined) lines.push(`    ✘ did not complete: ${result.error}`);
  for (const check of result.checks)
    lines.push(`    ${check.ok ? '✔' : '✘'} ${check.name}: ${check.figures}`);
  if (!result.ok) lines.push(`    replay: ${replay}`);
  return lines.join('\n');
}

export function formatSummary(summary: ChaosSummary): string {
  const kinds = Object.entries(summary.faultsByKind)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  const lines = [
    `\n${summary.failedRounds === 0 ? '✔' : '✘'} ${summary.rounds - summary.failedRounds}/${summary.rounds} rounds held (seed ${summary.seed})`,
    `  faults: ${kinds}`,
    `  lost ${summary.lost}, duplicates ${summary.duplicates}, stale ${summary.stale}, dead letters ${summary.deadLetters}, restarts slower than 15 s ${summary.slowRestarts}`,
    `  time: hub start ${summary.hubStartSeconds.toFixed(0)} s, rounds ${summary.roundSeconds.mean.toFixed(1)} s mean / ${summary.roundSeconds.max.toFixed(1)} s max, ${summary.totalSeconds.toFixed(0)} s in all`,
  ];
  for (const [check, seeds] of Object.entries(summary.failedChecks))
    lines.push(`  ✘ ${check}: seeds ${seeds.join(', ')}`);
  return lines.join('\n');
}

export function writeSummary(path: string, summary: ChaosSummary): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(summary, null, 2)}\n`);
}
