/**
 * The simulated Odoo's own capacity, measured beside the drains so their bound is visible:
 * `--workers` plain JSON-RPC clients (odoo-json-rpc.ts) in a process of their own apply
 * levels to the run's SKUs as fast as the simulator answers, for `--seconds`. Each worker
 * has its own SKUs, so no two applies of one quant are in flight. Started by
 * runSimulatorCapacity with one JSON argument; prints one JSON result line.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PlainOdooClient, type OdooLogin } from './odoo-json-rpc';

export interface CapacityRun {
  readonly odoo: OdooLogin;
  readonly skus: readonly string[];
  readonly warehouse: string;
  readonly workers: number;
  readonly seconds: number;
}

export interface CapacityResult {
  readonly workers: number;
  readonly seconds: number;
  readonly applied: number;
  readonly failed: number;
  readonly appliesPerSecond: number;
  readonly cpuSecondsPer1000: number;
}

async function probe(run: CapacityRun): Promise<CapacityResult> {
  const client = new PlainOdooClient(run.odoo);
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  const stopAt = started + run.seconds * 1000;
  let applied = 0;
  let failed = 0;
  const worker = async (index: number): Promise<void> => {
    const mine = run.skus.filter((_, n) => n % run.workers === index);
    for (let n = 0; mine.length > 0 && performance.now() < stopAt; n += 1) {
      const sku = mine[n % mine.length] ?? '';
      const level = { sku, warehouse: run.warehouse, quantityOnHand: String(n % 1000) };
      await client
        .applyLevel({ ...level, reference: `capacity-${String(index)}-${String(n)}` })
        .then(
          () => (applied += 1),
          () => (failed += 1),
        );
    }
  };
  await Promise.all(Array.from({ length: run.workers }, (_, index) => worker(index)));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    workers: run.workers,
    seconds: Math.round(seconds * 10) / 10,
    applied,
    failed,
    appliesPerSecond: Math.round((applied / seconds) * 10) / 10,
    cpuSecondsPer1000:
      Math.round(((cpu.user + cpu.system) / 1e6 / Math.max(1, applied)) * 1e6) / 1e3,
  };
}

const exec = promisify(execFile);

/** One probe in a child process, so the bench's own event loop does not slow it. */
export async function runSimulatorCapacity(run: CapacityRun): Promise<CapacityResult> {
  const { stdout } = await exec(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'simulator-capacity.ts'), JSON.stringify(run)],
    { maxBuffer: 1 << 20, timeout: (run.seconds + 120) * 1000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as CapacityResult;
}

if (require.main === module) {
  probe(JSON.parse(process.argv[2] ?? '{}') as CapacityRun).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
