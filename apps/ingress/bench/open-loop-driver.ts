/**
 * An open-loop load generator in a process of its own: requests leave on a fixed schedule
 * whatever the server answers, and each latency is measured from the request's *scheduled*
 * time, so a slow server shows as latency instead of silently lowering the offered rate
 * (closed-loop tools like autocannon wait for answers and hide that queueing).
 *
 * Started by open-loop.ts with one JSON argument; prints one JSON result line.
 */
import { Agent, request } from 'node:http';
import { signedPool, type SignedRequest } from './signed-pool';

export interface OpenLoopRun {
  readonly url: string;
  readonly path: string;
  readonly secret: string;
  /** Distinct per run, so no delivery repeats another run's webhook-id. */
  readonly runId: string;
  readonly ratePerSecond: number;
  readonly durationSeconds: number;
}

export interface OpenLoopResult {
  readonly offeredPerSecond: number;
  readonly sent: number;
  readonly accepted: number;
  readonly notAccepted: number;
  readonly errors: number;
  readonly acceptedPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function drive(run: OpenLoopRun): Promise<OpenLoopResult> {
  const total = Math.round(run.ratePerSecond * run.durationSeconds);
  const pool: SignedRequest[] = signedPool(run.secret, total, run.runId);
  const target = new URL(run.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  const latencies: number[] = [];
  let accepted = 0;
  let notAccepted = 0;
  let errors = 0;
  let answered = 0;
  let lastAnswerAt = 0;
  const intervalMs = 1000 / run.ratePerSecond;
  const startAt = performance.now() + 100;

  await new Promise<void>((finish) => {
    const settle = (): void => {
      answered += 1;
      lastAnswerAt = performance.now();
      if (answered === total) finish();
    };
    const send = (n: number, scheduledAt: number): void => {
      const delivery = pool[n];
      if (delivery === undefined) return;
      const outgoing = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: run.path,
          method: 'POST',
          headers: { ...delivery.headers, 'content-length': Buffer.byteLength(delivery.body) },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            if (response.statusCode === 202) {
              accepted += 1;
              latencies.push(performance.now() - scheduledAt);
            } else notAccepted += 1;
            settle();
          });
        },
      );
      outgoing.on('error', () => {
        errors += 1;
        settle();
      });
      outgoing.end(delivery.body);
    };
    let next = 0;
    const tick = (): void => {
      const now = performance.now();
      while (next < total && startAt + next * intervalMs <= now) {
        send(next, startAt + next * intervalMs);
        next += 1;
      }
      if (next < total) setTimeout(tick, 1);
    };
    setTimeout(tick, 100);
  });
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const seconds = Math.max(run.durationSeconds, (lastAnswerAt - startAt) / 1000);
  return {
    offeredPerSecond: run.ratePerSecond,
    sent: total,
    accepted,
    notAccepted,
    errors,
    acceptedPerSecond: accepted / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? 0,
  };
}

if (require.main === module) {
  const run = JSON.parse(process.argv[2] ?? '{}') as OpenLoopRun;
  drive(run)
    .then((result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
