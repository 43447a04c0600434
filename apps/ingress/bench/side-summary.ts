/**
 * A side's rounds summed up: accepted req/s over all its measured seconds; p50 and p99 as
 * the median of the rounds' values (autocannon reports percentiles, not mergeable
 * histograms). Alternating short rounds keep a busy machine's drift off one side.
 */
import type { LoadResult } from './drive-load';

export interface SideSummary {
  readonly acceptedPerSecond: number;
  readonly accepted: number;
  readonly notAccepted: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Process CPU time per accepted request over all rounds (server and autocannon). */
  readonly cpuMicrosPerAccepted: number;
  readonly poolWrapped: boolean;
  readonly rounds: readonly LoadResult[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function summarize(rounds: readonly LoadResult[]): SideSummary {
  const sum = (pick: (round: LoadResult) => number): number =>
    rounds.reduce((total, round) => total + pick(round), 0);
  const seconds = sum((round) => round.durationSeconds);
  const accepted = sum((round) => round.accepted);
  return {
    acceptedPerSecond: accepted / seconds,
    accepted,
    notAccepted: sum((round) => round.nonAccepted + round.errors),
    seconds,
    p50Ms: median(rounds.map((round) => round.latencyMs.p50)),
    p99Ms: median(rounds.map((round) => round.latencyMs.p99)),
    cpuMicrosPerAccepted: sum((round) => round.cpuMicros) / Math.max(1, accepted),
    poolWrapped: rounds.some((round) => round.poolWrapped),
    rounds,
  };
}
