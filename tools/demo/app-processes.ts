/**
 * The demo runs every app as its own process, as in production: `node --import tsx
 * apps/<app>/src/main.ts` with the app's environment. Output goes to .stack/demo/<app>.log,
 * so the report stays readable and the logs stay available for --keep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
export const demoLogDir = join(root, '.stack', 'demo');

export interface AppSpec {
  /** Folder under apps/. */
  readonly app: string;
  readonly env: Readonly<Record<string, string>>;
  /** Answers 200 once the app can do its job. */
  readonly readyUrl: string;
}

export interface RunningApp {
  readonly spec: AppSpec;
  readonly process: ChildProcess;
  readonly logFile: string;
}

export function startApp(spec: AppSpec): RunningApp {
  mkdirSync(demoLogDir, { recursive: true });
  const logFile = join(demoLogDir, `${spec.app}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'apps', spec.app, 'src', 'main.ts')],
    {
      cwd: root,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return { spec, process: child, logFile };
}

export async function waitReady(app: RunningApp, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.process.exitCode !== null) {
      throw new Error(
        `${app.spec.app} exited with code ${String(app.process.exitCode)}; see ${app.logFile}`,
      );
    }
    try {
      const response = await fetch(app.spec.readyUrl, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 300));
  }
  throw new Error(
    `${app.spec.app} was not ready at ${app.spec.readyUrl} within ${timeoutMs / 1000} s; see ${app.logFile}`,
  );
}

/** SIGTERM (the apps drain), then SIGKILL after the grace period. */
export async function stopApp(app: RunningApp, graceMs = 10_000): Promise<void> {
  if (app.process.exitCode !== null || app.process.signalCode !== null) return;
  const exited = new Promise<void>((done) =>
    app.process.once('exit', () => {
      done();
    }),
  );
  app.process.kill('SIGTERM');
  const timer = setTimeout(() => app.process.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** kill -9: the crash the failure stories need. */
export async function killApp(app: RunningApp): Promise<void> {
  if (app.process.exitCode !== null || app.process.signalCode !== null) return;
  const exited = new Promise<void>((done) =>
    app.process.once('exit', () => {
      done();
    }),
  );
  app.process.kill('SIGKILL');
  await exited;
}
