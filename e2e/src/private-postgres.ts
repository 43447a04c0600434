/**
 * A Postgres cluster of the test's own (initdb in a temp dir, its own port), so a test can
 * stop and start it while the shared stack's Postgres, used by other suites, keeps running.
 * initdb refuses to run as root, so the cluster runs as the `postgres` user when we are root.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const binDir = postgresBinDir();

/** The newest server installed the Debian way (/usr/lib/postgresql/<major>/bin), or PG_BIN_DIR. */
function postgresBinDir(): string {
  const configured = process.env['PG_BIN_DIR'];
  if (configured !== undefined && configured !== '') return configured;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = majors[0];
  if (newest === undefined)
    throw new Error(`No Postgres server binaries under ${root}; set PG_BIN_DIR`);
  return join(root, newest, 'bin');
}
const asRoot = process.getuid?.() === 0;

async function asPostgres(binary: string, args: readonly string[]): Promise<void> {
  const command = join(binDir, binary);
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', command, ...args]);
  else await run(command, [...args]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

export interface PrivatePostgres {
  readonly databaseUrl: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'e2e-pg-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  await asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-N']);
  const pgCtl = (...args: string[]) => asPostgres('pg_ctl', ['-D', data, ...args]);
  let running = false;
  const cluster: PrivatePostgres = {
    databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await pgCtl('-o', `-p ${port} -k ${dir} -c fsync=off`, '-l', join(dir, 'log'), '-w', 'start');
      running = true;
    },
    async stop() {
      await pgCtl('-m', 'fast', '-w', 'stop');
      running = false;
    },
    async destroy() {
      if (running) await cluster.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
