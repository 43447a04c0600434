/**
 * The demo and the e2e suite run every app as its own process from the bundle that ships:
 * `node dist/apps/<app>/main.js` (built by `npm run bundle`, tools/deploy/src/bundle.ts) with
 * the app's environment. Output goes to .stack/demo/<app>.log, so the report stays readable
 * and the logs stay available for --keep.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { finished, type Readable, type Writable } from 'node:stream';

const root = resolve(__dirname, '../..');
export const demoLogDir = join(root, '.stack', 'demo');

export interface AppSpec {
  /** Folder under apps/. */
  readonly app: string;
  readonly env: Readonly<Record<string, string>>;
  /** Answers 200 once the app can do its job. */
  readonly readyUrl: string;
  /**
   * Node's own options before the bundle (benchmarks: `--cpu-prof`, which Node 20 refuses in
   * NODE_OPTIONS: the app would exit with code 9 before printing a line).
   */
  readonly nodeArgs?: readonly string[];
}

export interface RunningApp {
  readonly spec: AppSpec;
  readonly process: ChildProcess;
  readonly logFile: string;
}

export const bundleOf = (app: string): string => join(root, 'dist', 'apps', app, 'main.js');

/** Missing, or older than a file esbuild read to build it (its meta.json lists them). */
export function bundleIsStale(app: string): boolean {
  const bundle = bundleOf(app);
  const metaFile = join(root, 'dist', 'apps', app, 'meta.json');
  if (!existsSync(bundle) || !existsSync(metaFile)) return true;
  const built = statSync(bundle).mtimeMs;
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { inputs?: Record<string, unknown> };
  return Object.keys(meta.inputs ?? {}).some((input) => {
    const path = join(root, input);
    return !existsSync(path) || statSync(path).mtimeMs > built;
  });
}

/**
 * Bundles the apps whose bundle is missing or stale (`npm run bundle <app>…`, a few seconds),
 * so what runs is always what the sources say and what ships.
 */
export function ensureBundles(apps: readonly string[]): void {
  const stale = apps.filter(bundleIsStale);
  if (stale.length === 0) return;
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'tools', 'deploy', 'src', 'bundle-cli.ts'), ...stale],
    { cwd: root, encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(`npm run bundle ${stale.join(' ')} failed: ${result.stderr || result.stdout}`);
}

export function startApp(spec: AppSpec): RunningApp {
  ensureBundles([spec.app]);
  const bundle = bundleOf(spec.app);
  mkdirSync(demoLogDir, { recursive: true });
  const logFile = join(demoLogDir, `${spec.app}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    [...(spec.nodeArgs ?? []), '--enable-source-maps', bundle],
    {
      cwd: root,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  pipeInto(log, [child.stdout, child.stderr]);
  return { spec, process: child, logFile };
}

/**
 * Several streams into one log, ended once all of them are done. `pipe()` ends its
 * destination when its own source ends: with stdout and stderr piped so, the first to end
 * closed the log and the other's next write threw ERR_STREAM_WRITE_AFTER_END in the parent
 * (an app dying at start prints its reason on stderr after stdout has closed).
 */
export function pipeInto(log: Writable, sources: readonly Readable[]): void {
  let open = sources.length;
  for (const source of sources) {
    source.pipe(log, { end: false });
    finished(source, () => {
      open -= 1;
      if (open === 0) log.end();
    });
  }
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
