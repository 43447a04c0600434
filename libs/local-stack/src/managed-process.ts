/**
 * The life cycle shared by the stack's own servers (Kafka, the schema registry):
 * reuse when ours and healthy, refuse a port someone else holds, prepare, start
 * detached, wait for a health probe, and stop by PID file only.
 */
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { StackError } from './errors';
import type { ComponentFiles } from './paths';
import { isAlive, ownedPid, removeFile, spawnDetached, stopProcess } from './process-control';
import type { ComponentStatus, Log } from './types';

export interface ManagedProcessSpec {
  readonly name: string;
  /** host:port, or a URL, as shown by `status`. */
  readonly address: string;
  readonly port: number;
  readonly files: ComponentFiles;
  /** A string only our own command line contains (see process-control). */
  readonly marker: string;
  readonly startTimeoutMs: number;
  readonly stopGraceMs: number;
  /** Answers true once the server serves requests. Must not throw. */
  healthy(): Promise<boolean>;
  /** Downloads, config files, storage: whatever must exist before the start. */
  prepare(log: Log): Promise<void>;
  command(): { command: string; args: string[]; cwd: string };
}

export type UpOutcome = 'started' | 'reused';

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => {
      done(false);
    });
    socket.once('connect', () => {
      done(true);
    });
    socket.once('error', () => {
      done(false);
    });
  });
}

async function waitHealthy(spec: ManagedProcessSpec, pid: number, since: number): Promise<void> {
  const deadline = since + spec.startTimeoutMs;
  while (Date.now() < deadline) {
    if (await spec.healthy()) return;
    if (!isAlive(pid)) {
      removeFile(spec.files.pidFile);
      throw new StackError(spec.name, `exited while starting (pid ${pid})`, spec.files.logFile);
    }
    await sleep(500);
  }
  // Half-started servers would make the next `up` wait again; the log stays for reading.
  await stopProcess(pid, spec.stopGraceMs);
  removeFile(spec.files.pidFile);
  throw new StackError(
    spec.name,
    `did not become healthy at ${spec.address} within ${Math.round(spec.startTimeoutMs / 1000)} s; stopped it`,
    spec.files.logFile,
  );
}

export async function ensureRunning(spec: ManagedProcessSpec, log: Log): Promise<UpOutcome> {
  const running = ownedPid(spec.files.pidFile, spec.marker);
  if (running !== undefined) {
    if (!(await spec.healthy())) {
      log(`${spec.name}: pid ${running} is running but not answering yet; waiting`);
      await waitHealthy(spec, running, Date.now());
    }
    log(`${spec.name}: already running (pid ${running}) at ${spec.address}`);
    return 'reused';
  }
  removeFile(spec.files.pidFile);
  if (await portAnswers(spec.port)) {
    throw new StackError(
      spec.name,
      `port ${spec.port} is in use by a process this stack did not start. Stop that process, ` +
        `or run the stack on other ports (STACK_KAFKA_PORT, STACK_REGISTRY_PORT).`,
    );
  }
  mkdirSync(spec.files.dir, { recursive: true });
  await spec.prepare(log);
  const { command, args, cwd } = spec.command();
  const since = Date.now();
  let pid: number;
  try {
    pid = spawnDetached({
      command,
      args,
      cwd,
      logFile: spec.files.logFile,
      pidFile: spec.files.pidFile,
    });
  } catch (error: unknown) {
    throw new StackError(
      spec.name,
      `could not start ${command}: ${String(error)}`,
      spec.files.logFile,
    );
  }
  log(`${spec.name}: started pid ${pid}, waiting for ${spec.address}`);
  await waitHealthy(spec, pid, since);
  log(`${spec.name}: healthy after ${((Date.now() - since) / 1000).toFixed(1)} s`);
  return 'started';
}

export async function stopManaged(spec: ManagedProcessSpec, log: Log): Promise<void> {
  const pid = ownedPid(spec.files.pidFile, spec.marker);
  if (pid === undefined) {
    removeFile(spec.files.pidFile);
    log(`${spec.name}: not running`);
    return;
  }
  const how = await stopProcess(pid, spec.stopGraceMs);
  removeFile(spec.files.pidFile);
  log(
    `${spec.name}: stopped pid ${pid}${how === 'killed' ? ` (SIGKILL after ${spec.stopGraceMs / 1000} s)` : ''}`,
  );
}

export async function managedStatus(spec: ManagedProcessSpec): Promise<ComponentStatus> {
  const pid = ownedPid(spec.files.pidFile, spec.marker);
  const base = { name: spec.name, address: spec.address };
  if (pid === undefined) return { ...base, state: 'stopped' };
  return { ...base, state: (await spec.healthy()) ? 'running' : 'unhealthy', pid };
}
