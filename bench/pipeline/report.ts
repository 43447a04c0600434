/** The readable table and the JSON result the lead's summary reads. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { BacklogResult } from './backlog-phase';
import type { BaselinePhaseResult } from './baseline-phase';
import type { CpuSample } from './cpu-meter';
import type { CapacityResult } from './simulator-capacity';
import type { SteadyResult } from './steady-phase';

export interface PipelineResult {
  readonly benchmark: 'pipeline';
  readonly at: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly steady: readonly SteadyResult[];
  readonly backlog: BacklogResult | null;
  readonly cpuSecondsPer1000: {
    readonly steady: CpuSample;
    readonly drain: CpuSample | null;
    readonly intake: CpuSample | null;
    readonly 'scale-out drain': CpuSample | null;
  };
  readonly pipelineEventsPerSecond: number | null;
  readonly baseline: BaselinePhaseResult | null;
  readonly simulatorCapacity: CapacityResult | null;
  readonly scaleOut: BacklogResult | null;
  readonly ratios: {
    readonly hubOverBaseline: number | null;
    readonly scaleOut: number | null;
  };
  readonly checks: readonly { readonly text: string; readonly ok: boolean }[];
  readonly environment: Readonly<Record<string, unknown>>;
}

const pad = (value: unknown, width: number): string => String(value).padStart(width);

export function steadyTable(rows: readonly SteadyResult[]): string {
  const head = [
    'offered/s',
    'writes/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    'events',
    'applied',
    'applies',
    '202',
    'non-202',
    'backlog@end',
    'grew',
  ];
  const widths = head.map((title) => Math.max(8, title.length));
  const line = (cells: readonly unknown[]): string =>
    cells.map((cell, i) => pad(cell, widths[i] ?? 8)).join(' ');
  return [
    line(head),
    ...rows.map((row) =>
      line([
        row.offeredPerSecond,
        row.writesPerSecond,
        row.p50Ms,
        row.p99Ms,
        row.maxMs,
        row.events,
        row.applied,
        row.applyCalls,
        row.statuses['202'] ?? 0,
        row.notAccepted,
        row.backlogAtSendEnd,
        row.backlogGrew ? 'yes' : 'no',
      ]),
    ),
  ].join('\n');
}

export function backlogLines(backlog: BacklogResult): string {
  return [
    `events ${backlog.events}: ingress took them at ${backlog.ingressAcceptedPerSecond}/s (${backlog.intakeSeconds} s, ${backlog.notAccepted} non-202)`,
    `connector-odoo restart ${backlog.restartSeconds} s; drained in ${backlog.drainSeconds} s from restart = ${backlog.drainPerSecond}/s; first to last write ${backlog.firstToLastPerSecond}/s`,
    `applied ${backlog.applied}, Odoo applies ${backlog.applyCalls}, duplicate outcomes ${backlog.duplicates}`,
  ].join('\n');
}

/** Baseline, simulator capacity and scale-out beside the hub's one-replica drain. */
export function comparisonLines(result: PipelineResult): string {
  const { baseline, simulatorCapacity: capacity, scaleOut, ratios } = result;
  const lines: string[] = [];
  if (baseline !== null)
    lines.push(
      `baseline (plain kafkajs, ${baseline.partitionsConsumedConcurrently} partitions at once): ${baseline.applied} applied, first to last ${baseline.firstToLastPerSecond}/s (from start ${baseline.perSecond}/s); its CPU ${baseline.cpuSecondsPer1000} s / 1,000; hub/baseline ${String(ratios.hubOverBaseline)}`,
    );
  if (capacity !== null)
    lines.push(
      `simulator capacity: ${capacity.workers} direct clients, ${capacity.appliesPerSecond} applies/s over ${capacity.seconds} s`,
    );
  if (scaleOut !== null)
    lines.push(
      `scale-out: ${scaleOut.replicas} replicas drained ${scaleOut.applied} at ${scaleOut.firstToLastPerSecond}/s first to last (restart ${scaleOut.restartSeconds} s); two/one ${String(ratios.scaleOut)}`,
    );
  return lines.length === 0 ? '' : `\nCompared\n${lines.join('\n')}`;
}

export function cpuTable(columns: Readonly<Record<string, CpuSample | null>>): string {
  const names = [
    ...new Set(
      Object.values(columns).flatMap((sample) => (sample === null ? [] : Object.keys(sample))),
    ),
  ];
  const titles = Object.keys(columns);
  const width = (title: string): number => Math.max(10, title.length + 2);
  const lines = [
    `${'CPU s / 1,000 events'.padEnd(34)}${titles.map((t) => pad(t, width(t))).join('')}`,
  ];
  for (const name of names) {
    const cells = titles.map((title) => pad(columns[title]?.[name] ?? '-', width(title)));
    lines.push(`${name.padEnd(34)}${cells.join('')}`);
  }
  return lines.join('\n');
}

export function writeResult(result: PipelineResult, stamp: string): string {
  const root = resolve(__dirname, '../..');
  const file =
    process.env['BENCH_RESULT_FILE'] ?? join(root, 'bench/results', `pipeline-${stamp}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
