/**
 * Starting and stopping the stack's own processes. A process counts as ours only when
 * its PID file says so AND its command line carries our marker: PIDs get reused, and
 * we must never signal a stranger (nor ever kill by process name).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Is the process there and not a zombie? */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error: unknown) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true;
  try {
    // Field 3 is the state; the command name in field 2 may contain spaces, hence ')'.
    const state = readFileSync(stat, 'utf8').split(') ')[1]?.charAt(0);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false; // gone between the two reads
  }
}

function commandLine(pid: number): string {
  const proc = `/proc/${pid}/cmdline`;
  if (existsSync(proc)) {
    try {
      return readFileSync(proc, 'utf8').split('\0').join(' ');
    } catch {
      return '';
    }
  }
  // No /proc (macOS): ask ps.
  const ps = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
  return ps.status === 0 ? ps.stdout : '';
}

export function readPidFile(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The PID from the file when that process is alive and carries `marker`; else undefined. */
export function ownedPid(pidFile: string, marker: string): number | undefined {
  const pid = readPidFile(pidFile);
  if (pid === undefined || !isAlive(pid)) return undefined;
  return commandLine(pid).includes(marker) ? pid : undefined;
}

/** Keep one previous log, so the tail in an error message is this run's. */
export function rotateLog(logFile: string): void {
  mkdirSync(dirname(logFile), { recursive: true });
  if (existsSync(logFile)) renameSync(logFile, `${logFile}.1`);
}

export interface DetachedCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly logFile: string;
  readonly pidFile: string;
}

/** Starts a long-lived process that outlives this Node process; returns its PID. */
export function spawnDetached(spec: DetachedCommand): number {
  rotateLog(spec.logFile);
  const log = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      detached: true,
      stdio: ['ignore', log, log],
    });
    if (child.pid === undefined) throw new Error(`could not start ${spec.command}`);
    child.unref();
    writeFileSync(spec.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`. Resolves once the process is gone. */
export async function stopProcess(pid: number, graceMs: number): Promise<'terminated' | 'killed'> {
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'terminated';
    await sleep(200);
  }
  signal('SIGKILL');
  while (isAlive(pid)) await sleep(100);
  return 'killed';
}

export function removeFile(file: string): void {
  rmSync(file, { force: true });
}

export interface ForegroundResult {
  readonly code: number | null;
  readonly output: string;
}

/** Runs a command to completion, appending its output to `logFile` and returning it. */
export function runToLog(
  command: string,
  args: readonly string[],
  cwd: string,
  logFile: string,
): Promise<ForegroundResult> {
  mkdirSync(dirname(logFile), { recursive: true });
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const output = Buffer.concat(chunks).toString('utf8');
      const header = `\n$ ${command} ${args.join(' ')}\n`;
      writeFileSync(logFile, header + output, { flag: 'a' });
      resolvePromise({ code, output });
    });
  });
}
