/**
 * A Postgres cluster of the caller's own (initdb in a temp dir, its own port), so a test or
 * the chaos suite can stop it, start it or terminate every backend of it while the shared
 * stack's Postgres, used by other suites, keeps running. initdb refuses to run as root, so
 * the cluster runs as the `postgres` user when we are root.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
const asRoot = process.getuid?.() === 0;

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

async function asPostgres(binary: string, args: readonly string[]): Promise<void> {
  const command = join(postgresBinDir(), binary);
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', command, ...args]);
  else await run(command, [...args]);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolvePort(port);
      });
    });
  });
}

export interface PrivatePostgres {
  readonly databaseUrl: string;
  start(): Promise<void>;
  /** A fast shutdown: clients are disconnected, nothing committed is lost. */
  stop(): Promise<void>;
  /** pg_terminate_backend on every other client of the cluster's database; returns how many. */
  terminateBackends(): Promise<number>;
  destroy(): Promise<void>;
}

/** Creates the cluster and starts it; `prefix` names its temp dir (e.g. `e2e-pg-`). */
export async function startPrivatePostgres(prefix = 'private-pg-'): Promise<PrivatePostgres> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  if (asRoot) {
    const { stdout: uid } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(uid.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  await asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-N']);
  const pgCtl = (...args: string[]) => asPostgres('pg_ctl', ['-D', data, ...args]);
  const databaseUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let running = false;
  const cluster: PrivatePostgres = {
    databaseUrl,
    async start() {
      await pgCtl('-o', `-p ${port} -k ${dir} -c fsync=off`, '-l', join(dir, 'log'), '-w', 'start');
      running = true;
    },
    async stop() {
      await pgCtl('-m', 'fast', '-w', 'stop');
      running = false;
    },
    async terminateBackends() {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const result = await client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid()
             AND backend_type = 'client backend'`,
        );
        return result.rowCount ?? 0;
      } finally {
        await client.end();
      }
    },
    async destroy() {
      if (running) await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => undefined);
      running = false;
      await rm(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
