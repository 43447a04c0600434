/**
 * More connector-odoo replicas for the scale-out phase: the same bundle with the same
 * environment as the hub's own connector-odoo (same consumer groups, schema and Odoo), only
 * another port, so Kafka spreads the canonical topics' partitions over them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pipeInto, type Hub } from '@hub/demo';

const root = resolve(__dirname, '../..');

/** The extra replicas running now (the CPU meter charges them as `connector-odoo #n`). */
export const extraReplicas: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        done(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  });
}

async function waitReady(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`replica exited with ${String(child.exitCode)}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((done) => setTimeout(done, 300));
  }
  throw new Error(`replica not ready at ${url} within ${timeoutMs / 1000} s`);
}

/** Starts one more connector-odoo like the hub's and waits until it is ready. */
export async function startReplica(hub: Hub): Promise<ChildProcess> {
  const spec = hub.apps.get('connector-odoo')?.spec;
  if (spec === undefined) throw new Error('the hub has no connector-odoo');
  const port = await freePort();
  const number = extraReplicas.length + 2;
  const child = spawn(
    process.execPath,
    [
      ...(spec.nodeArgs ?? []),
      '--enable-source-maps',
      join(root, 'dist/apps/connector-odoo/main.js'),
    ],
    {
      cwd: root,
      env: { ...process.env, ...spec.env, CONNECTOR_ODOO_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = createWriteStream(join(hub.layout.runDir, `connector-odoo-${number}.log`));
  pipeInto(log, [child.stdout, child.stderr]);
  extraReplicas.push(child);
  await waitReady(child, `http://127.0.0.1:${port}/readyz`, 120_000);
  return child;
}

/** SIGTERM every extra replica and waits for each to exit. */
export async function stopReplicas(): Promise<void> {
  const running = extraReplicas.splice(0);
  await Promise.all(
    running.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            done();
            return;
          }
          child.once('exit', () => {
            done();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
