/**
 * CPU time of the processes under test from /proc/<pid>/stat (utime + stime, fields 14 and
 * 15, in clock ticks), the bench's own from process.cpuUsage(), and the machine's busy
 * time from /proc/stat, so a phase can be charged per app.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const clockTicks = ((): number => {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of one process in seconds; undefined once it is gone. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return undefined;
  }
}

/** Every live process whose command name starts with `name` (e.g. all Postgres backends). */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith(name)) pids.push(Number(entry));
    } catch {
      // exited while listing
    }
  }
  return pids;
}

/** Busy seconds of the whole machine (all CPUs) and the CPU count. */
export function machineBusySeconds(): { busy: number; cpus: number } {
  const lines = readFileSync('/proc/stat', 'utf8').split('\n');
  const total = (lines[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const idle = (total[3] ?? 0) + (total[4] ?? 0);
  const all = total.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const cpus = lines.filter((line) => /^cpu\d+ /.test(line)).length;
  return { busy: (all - idle) / clockTicks, cpus };
}

/** What to measure: a name and how to find its pids now (apps restart with new pids). */
export type CpuSubjects = Readonly<Record<string, () => readonly number[]>>;

export type CpuSample = Readonly<Record<string, number>>;

const benchName = 'bench';
const machineName = 'machine (all processes)';
const simulatorName = 'erp-simulator';
/** The hub's processes together: every subject but the simulator, the bench and the machine. */
export const hubTotalName = 'hub total (no simulator, no load)';

export function sampleCpu(subjects: CpuSubjects): CpuSample {
  const sample: Record<string, number> = {};
  for (const [name, pids] of Object.entries(subjects)) {
    sample[name] = pids().reduce((sum, pid) => sum + (processCpuSeconds(pid) ?? 0), 0);
  }
  const own = process.cpuUsage();
  sample[benchName] = (own.user + own.system) / 1e6;
  sample[machineName] = machineBusySeconds().busy;
  return sample;
}

/**
 * CPU seconds per 1,000 events between two samples. A process that restarted in between
 * (its counter went down) is charged from zero, its whole new life. Plus the hub's total:
 * every subject but the simulator, the bench (load generator) and the machine.
 */
export function cpuPer1000(start: CpuSample, end: CpuSample, events: number): CpuSample {
  const result: Record<string, number> = {};
  for (const [name, after] of Object.entries(end)) {
    const before = start[name] ?? 0;
    const spent = after >= before ? after - before : after;
    result[name] = events > 0 ? Math.round((spent / events) * 1000 * 1000) / 1000 : 0;
  }
  const hub = Object.entries(result).filter(
    ([name]) => ![benchName, machineName, simulatorName].includes(name),
  );
  result[hubTotalName] =
    Math.round(hub.reduce((sum, [, seconds]) => sum + seconds, 0) * 1000) / 1000;
  return result;
}
