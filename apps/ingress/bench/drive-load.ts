/**
 * One autocannon run against one server: every request takes the next delivery from the
 * pool (setupRequest runs per request) at the side's cursor, which later runs continue, so
 * no two requests repeat until the pool wraps. autocannon runs on the bench's event loop,
 * beside the server under test, on both sides alike; so the process CPU time of a round is
 * the server's plus autocannon's, which a busy machine slows down less than it slows the
 * rate.
 */
import autocannon from 'autocannon';
import type { SignedRequest } from './signed-pool';

export interface LoadSettings {
  readonly connections: number;
  readonly durationSeconds: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly accepted: number;
  readonly acceptedPerSecond: number;
  readonly nonAccepted: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly mean: number };
  readonly durationSeconds: number;
  /** Process CPU time (user + system) during the run, in microseconds. */
  readonly cpuMicros: number;
  readonly poolWrapped: boolean;
}

/** Where a side is in the pool; shared by its warm-up and its rounds. */
export interface PoolCursor {
  next: number;
}

export async function driveLoad(
  url: string,
  path: string,
  pool: readonly SignedRequest[],
  cursor: PoolCursor,
  settings: LoadSettings,
): Promise<LoadResult> {
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url,
    connections: settings.connections,
    duration: settings.durationSeconds,
    pipelining: 1,
    requests: [
      {
        method: 'POST',
        path,
        setupRequest: (request) => {
          const delivery = pool[cursor.next % pool.length];
          cursor.next += 1;
          return delivery === undefined
            ? request
            : { ...request, headers: { ...delivery.headers }, body: delivery.body };
        },
      },
    ],
  });
  const cpu = process.cpuUsage(cpuBefore);
  const accepted = result.statusCodeStats?.['202']?.count ?? 0;
  const requests = result.requests.total;
  return {
    requests,
    accepted,
    acceptedPerSecond: accepted / result.duration,
    nonAccepted: requests - accepted,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean },
    durationSeconds: result.duration,
    cpuMicros: cpu.user + cpu.system,
    poolWrapped: cursor.next > pool.length,
  };
}
