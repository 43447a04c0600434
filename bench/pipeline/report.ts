/** The readable table and the JSON result the lead's summary reads. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { BacklogResult } from './backlog-phase';
import type { CpuSample } from './cpu-meter';
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
  };
  readonly pipelineEventsPerSecond: number | null;
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

export function cpuTable(columns: Readonly<Record<string, CpuSample | null>>): string {
  const names = [
    ...new Set(
      Object.values(columns).flatMap((sample) => (sample === null ? [] : Object.keys(sample))),
    ),
  ];
  const titles = Object.keys(columns);
  const lines = [`${'CPU s / 1,000 events'.padEnd(32)}${titles.map((t) => pad(t, 10)).join('')}`];
  for (const name of names) {
    const cells = titles.map((title) => pad(columns[title]?.[name] ?? '-', 10));
    lines.push(`${name.padEnd(32)}${cells.join('')}`);
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
