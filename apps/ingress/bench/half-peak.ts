/**
 * Latency to the 202 at half the measured peak (issue #20: p99 at most 10 ms there):
 * autocannon at a fixed overall rate (`overallRate`) in a process of its own, so the load
 * generator does not share the ingress's event loop. autocannon times each request from
 * its send, so this is the latency an ERP sees at that rate; the open-loop runs
 * (open-loop.ts) add the queueing behind a late send.
 *
 * Started by halfPeakRun with one JSON argument; prints one JSON result line.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { signedPool } from './signed-pool';

export interface HalfPeakRun {
  readonly url: string;
  readonly path: string;
  readonly secret: string;
  /** Distinct per run, so no delivery repeats another run's webhook-id. */
  readonly runId: string;
  readonly ratePerSecond: number;
  readonly durationSeconds: number;
  readonly connections: number;
}

export interface HalfPeakResult {
  readonly offeredPerSecond: number;
  readonly acceptedPerSecond: number;
  readonly accepted: number;
  readonly notAccepted: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

async function drive(run: HalfPeakRun): Promise<HalfPeakResult> {
  // A little more than the run needs: autocannon may send a few past the duration.
  const pool = signedPool(
    run.secret,
    Math.ceil(run.ratePerSecond * (run.durationSeconds + 2)),
    run.runId,
  );
  let next = 0;
  const result = await autocannon({
    url: run.url,
    connections: run.connections,
    duration: run.durationSeconds,
    overallRate: run.ratePerSecond,
    pipelining: 1,
    requests: [
      {
        method: 'POST',
        path: run.path,
        setupRequest: (request) => {
          const delivery = pool[next % pool.length];
          next += 1;
          return delivery === undefined
            ? request
            : { ...request, headers: { ...delivery.headers }, body: delivery.body };
        },
      },
    ],
  });
  const accepted = result.statusCodeStats?.['202']?.count ?? 0;
  return {
    offeredPerSecond: run.ratePerSecond,
    acceptedPerSecond: accepted / result.duration,
    accepted,
    notAccepted: result.requests.total - accepted + result.errors,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
  };
}

const exec = promisify(execFile);

export async function halfPeakRun(run: HalfPeakRun): Promise<HalfPeakResult> {
  const { stdout } = await exec(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'half-peak.ts'), JSON.stringify(run)],
    { maxBuffer: 1 << 20, timeout: (run.durationSeconds + 120) * 1000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as HalfPeakResult;
}

if (require.main === module) {
  drive(JSON.parse(process.argv[2] ?? '{}') as HalfPeakRun).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
