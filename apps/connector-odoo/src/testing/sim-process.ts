/**
 * The ERP simulator in a process of its own (benchmarks: so the connector's numbers do not
 * include the simulator's CPU). Forked with IPC; sends `{ url }` once listening and stops
 * when the parent disconnects. Seed it through its control API (`POST /__sim/odoo/seed`).
 */
import { fork } from 'node:child_process';
import { startErpSimulator } from '@hub/erp-simulator';
import type { SimulatorLike } from './connector-harness';

async function serve(): Promise<void> {
  const sim = await startErpSimulator({ odoo: { seed: { warehouses: [{ code: 'WH-EAST' }] } } });
  process.send?.({ url: sim.url });
  process.once('disconnect', () => {
    void sim.close().then(() => process.exit(0));
  });
}

/** Forks this file and resolves with the simulator's URL and a close() that ends the child. */
export function forkSimulator(): Promise<SimulatorLike> {
  const child = fork(__filename, ['--serve'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (message: { url?: unknown }) => {
      if (typeof message.url !== 'string') {
        reject(new Error('the simulator process sent no url'));
        return;
      }
      resolve({
        url: message.url,
        close: () =>
          new Promise<void>((done) => {
            child.once('exit', () => {
              done();
            });
            child.disconnect();
          }),
      });
    });
  });
}

if (process.argv.includes('--serve') && process.send !== undefined) void serve();
