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
  return statCpuSeconds(`/proc/${pid}/stat`);
}

/**
 * utime + stime of one thread in seconds; undefined once it is gone. `/proc/<tid>/stat`
 * would give the whole process's; the thread's own is under its task directory.
 */
export function threadCpuSeconds(tid: number): number | undefined {
  return statCpuSeconds(`/proc/${tid}/task/${tid}/stat`);
}

function statCpuSeconds(path: string): number | undefined {
  try {
    const stat = readFileSync(path, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return undefined;
  }
}

/**
 * The ids listed in `dir` (`/proc` or `/proc/<pid>/task`) whose command name starts with one
 * of `prefixes` (Linux keeps 15 characters of it); none if `dir` is gone.
 */
function idsNamed(dir: string, prefixes: readonly string[]): number[] {
  const ids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return ids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const name = readFileSync(`${dir}/${entry}/comm`, 'utf8');
      if (prefixes.some((prefix) => name.startsWith(prefix))) ids.push(Number(entry));
    } catch {
      // exited while listing
    }
  }
  return ids;
}

/** Every live process whose command name starts with `name` (e.g. all Postgres backends). */
export function pidsNamed(name: string): number[] {
  return idsNamed('/proc', [name]);
}

/** The threads of a process whose name starts with one of `prefixes`. */
export function threadsNamed(pid: number, prefixes: readonly string[]): number[] {
  return idsNamed(`/proc/${pid}/task`, prefixes);
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

/** Threads measured on their own, found anew on each reading (threads come and go). */
export interface ThreadSubject {
  readonly threads: () => readonly number[];
}

/**
 * What to measure: a name and how to find its pids now (apps restart with new pids), or
 * some threads of a process.
 */
export type CpuSubjects = Readonly<Record<string, (() => readonly number[]) | ThreadSubject>>;

export type CpuSample = Readonly<Record<string, number>>;

const benchName = 'bench';
const machineName = 'machine (all processes)';
const simulatorName = 'erp-simulator';
/** Every Postgres process on the machine: shown, but not in the hub's total (shared). */
export const postgresAllName = 'postgres (all, shared)';
/** The hub's processes together: every subject but those above. */
export const hubTotalName = 'hub total (no simulator, no load)';
/**
 * The hub's Postgres backends split by the app they serve (`postgres ← connector-odoo`): a
 * breakdown of "postgres (the hub's backends)", so not added to the hub's total again.
 */
export const postgresOfPrefix = 'postgres ← ';
/**
 * The broker JVM's JIT compiler threads: a breakdown of "kafka broker", so not added to the
 * hub's total again. A broker started minutes before a run is still compiling its hot paths,
 * which a broker that has run for days has done long ago (README, "The broker's JIT").
 */
export const brokerJitName = 'kafka broker: JIT compiler threads';
const notTheHub = [benchName, machineName, simulatorName, postgresAllName, brokerJitName];

/** subject → pid → CPU seconds (the bench as its own pid, the machine as pid 0). */
type CpuReading = Map<string, Map<number, number>>;

function readCpu(subjects: CpuSubjects): CpuReading {
  const reading: CpuReading = new Map();
  for (const [name, subject] of Object.entries(subjects)) {
    const perId = new Map<number, number>();
    const [ids, cpuSeconds] =
      typeof subject === 'function'
        ? [subject(), processCpuSeconds]
        : [subject.threads(), threadCpuSeconds];
    for (const id of ids) {
      const seconds = cpuSeconds(id);
      if (seconds !== undefined) perId.set(id, seconds);
    }
    reading.set(name, perId);
  }
  const own = process.cpuUsage();
  reading.set(benchName, new Map([[process.pid, (own.user + own.system) / 1e6]]));
  reading.set(machineName, new Map([[0, machineBusySeconds().busy]]));
  return reading;
}

/**
 * CPU seconds per 1,000 events of a window, per subject. The subjects' processes are read
 * every `intervalMs`, each pid's last value kept, so a process that ends inside the window
 * (a restarted app, a closed Postgres backend) keeps what it spent up to its last reading,
 * and one that starts inside it is charged from zero. Plus the hub's total.
 */
export class CpuTracker {
  private readonly first: CpuReading;
  private readonly last: CpuReading;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly subjects: CpuSubjects,
    intervalMs = 1_000,
  ) {
    this.first = readCpu(subjects);
    this.last = readCpu(subjects);
    this.timer = setInterval(() => {
      this.take();
    }, intervalMs);
    this.timer.unref();
  }

  private take(): void {
    for (const [name, perPid] of readCpu(this.subjects)) {
      const kept = this.last.get(name) ?? new Map<number, number>();
      for (const [pid, seconds] of perPid) kept.set(pid, seconds);
      this.last.set(name, kept);
    }
  }

  finish(events: number): CpuSample {
    clearInterval(this.timer);
    this.take();
    const result: Record<string, number> = {};
    for (const [name, perPid] of this.last) {
      let spent = 0;
      for (const [pid, after] of perPid) {
        const before = this.first.get(name)?.get(pid) ?? 0;
        // A lower count than at the start is a new process with a reused pid.
        spent += after >= before ? after - before : after;
      }
      result[name] = events > 0 ? Math.round((spent / events) * 1000 * 1000) / 1000 : 0;
    }
    const hub = Object.entries(result).filter(
      ([name]) => !notTheHub.includes(name) && !name.startsWith(postgresOfPrefix),
    );
    result[hubTotalName] =
      Math.round(hub.reduce((sum, [, seconds]) => sum + seconds, 0) * 1000) / 1000;
    return result;
  }
}
