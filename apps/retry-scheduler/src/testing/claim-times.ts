/** When the scheduler claimed (sent) a target's rows, read from its own table: no Kafka latency in it. */
import { Client } from 'pg';
import type { SchedulerDeployment } from './scheduler-harness';

export async function claimTimes(
  deployment: SchedulerDeployment,
  target: string,
): Promise<number[]> {
  const client = new Client({ connectionString: deployment.schema.databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ done_at: string }>(
      `SELECT done_at FROM "${deployment.schema.schema}".retry_schedule
        WHERE target = $1 AND kind = 'redeliver' AND state = 'done' ORDER BY done_at`,
      [target],
    );
    return result.rows.map((row) => Number(row.done_at));
  } finally {
    await client.end();
  }
}

/** How long after intake each of a target's rows was due, sent or not. */
export async function dueDelays(
  deployment: SchedulerDeployment,
  target: string,
): Promise<number[]> {
  const client = new Client({ connectionString: deployment.schema.databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ delay: string }>(
      `SELECT due_at - enqueued_at AS delay FROM "${deployment.schema.schema}".retry_schedule
        WHERE target = $1 AND kind = 'redeliver'`,
      [target],
    );
    return result.rows.map((row) => Number(row.delay));
  } finally {
    await client.end();
  }
}

/**
 * The most claims that fit in any window between two claims, beyond what a bucket of
 * `burst` refilled at `ratePerSecond` allows: 0 or less when the rate held.
 */
export function excessOverRate(
  times: readonly number[],
  ratePerSecond: number,
  burst: number,
): number {
  let worst = -Infinity;
  for (let from = 0; from < times.length; from += 1)
    for (let to = from; to < times.length; to += 1) {
      const span = (times[to] ?? NaN) - (times[from] ?? NaN);
      worst = Math.max(worst, to - from + 1 - burst - (ratePerSecond * span) / 1_000);
    }
  return worst;
}
