/**
 * Open-loop runs at several offered rates, each in a separate driver process
 * (open-loop-driver.ts), so the load generator does not share the ingress's event loop.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { OpenLoopResult, OpenLoopRun } from './open-loop-driver';

const run = promisify(execFile);

export async function openLoopRates(
  base: Omit<OpenLoopRun, 'ratePerSecond' | 'runId'> & { readonly runId: string },
  rates: readonly number[],
): Promise<OpenLoopResult[]> {
  const results: OpenLoopResult[] = [];
  for (const ratePerSecond of rates) {
    const settings: OpenLoopRun = {
      ...base,
      ratePerSecond,
      runId: `${base.runId}-r${String(ratePerSecond)}`,
    };
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'open-loop-driver.ts'), JSON.stringify(settings)],
      { maxBuffer: 1 << 20 },
    );
    results.push(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as OpenLoopResult);
  }
  return results;
}
