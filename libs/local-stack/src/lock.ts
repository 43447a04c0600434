/**
 * One `up` or `down` at a time per state dir: `npm test` and a jest global setup may
 * both call stackUp, and two racing starts would each launch a broker.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from './process-control';

const WAIT_MS = 10 * 60_000; // a cold `up` downloads a few hundred MB

function tryAcquire(file: string): boolean {
  try {
    writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  }
}

function holder(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

// Calls within this process queue here; the lock file is for other processes, so a
// file naming our own pid can only be left over from an earlier process.
let queue: Promise<unknown> = Promise.resolve();

export function withStackLock<T>(
  stateDir: string,
  onWait: (pid: number) => void,
  work: () => Promise<T>,
): Promise<T> {
  const run = queue.then(() => withFileLock(stateDir, onWait, work));
  queue = run.catch(() => undefined);
  return run;
}

async function withFileLock<T>(
  stateDir: string,
  onWait: (pid: number) => void,
  work: () => Promise<T>,
): Promise<T> {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, 'stack.lock');
  const deadline = Date.now() + WAIT_MS;
  let told = false;
  while (!tryAcquire(file)) {
    const pid = holder(file);
    if (pid === undefined || pid === process.pid || !isAlive(pid)) {
      rmSync(file, { force: true }); // left behind by a process that died
      continue;
    }
    if (!told) onWait(pid);
    told = true;
    if (Date.now() > deadline)
      throw new Error(
        `local-stack: ${file} still held by pid ${pid} after ${WAIT_MS / 60_000} min`,
      );
    await sleep(500);
  }
  try {
    return await work();
  } finally {
    rmSync(file, { force: true });
  }
}
