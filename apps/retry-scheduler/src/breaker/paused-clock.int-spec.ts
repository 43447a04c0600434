import { uniqueName } from '@hub/testing';
import { Client } from 'pg';
import { FakeConnector, redeliveries, type Received } from '../testing/fake-connector';
import { schedulerDeployment, type SchedulerDeployment } from '../testing/scheduler-harness';
import { waitForStatus } from '../testing/status-client';

const STEP_MS = 2_000;
const OUTAGE_MS = 800;

interface OutageRun {
  readonly firstFailureAt: number;
  readonly closedAt: number;
  readonly retry: Received;
  /** The retry's row: when it was due, after any outage shift. */
  readonly row: { readonly dueAt: number };
}

/**
 * The scheduler's own record of the retry. How late a retry goes out depends on the load of
 * the machine, so the tests assert when it was due (exact) and lower bounds only; the
 * lateness distribution is the benchmark's (`bench/scheduler.bench.ts`).
 */
async function scheduleRow(
  deployment: SchedulerDeployment,
  eventId: string,
): Promise<OutageRun['row']> {
  const client = new Client({ connectionString: deployment.schema.databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ due_at: string }>(
      `SELECT due_at FROM "${deployment.schema.schema}".retry_schedule
        WHERE event_id = $1 AND kind = 'redeliver'`,
      [eventId],
    );
    const row = result.rows[0];
    if (result.rows.length !== 1 || row === undefined)
      throw new Error(`${result.rows.length} schedule rows for ${eventId}`);
    return { dueAt: Number(row.due_at) };
  } finally {
    await client.end();
  }
}

/**
 * Opens the target's breaker, fails one write inside the outage, closes the breaker
 * OUTAGE_MS later with a main-flow success (nothing of ours is due while half-open, so no
 * probe), and returns when the retry arrived.
 */
async function retryAcrossOutage(
  connector: FakeConnector,
  pauseClock: boolean,
): Promise<OutageRun> {
  const target = uniqueName('paused');
  const deployment = await schedulerDeployment([{ id: target }], {
    RETRY_SCHEDULE: `${STEP_MS}ms`,
    RETRY_MAX_AGE: '1h',
    RETRY_BREAKER_MIN_CALLS: '2',
    RETRY_BREAKER_COOL_DOWN: '300ms',
    RETRY_PAUSE_CLOCK_WHEN_OPEN: String(pauseClock),
  });
  const scheduler = await deployment.start();
  const redelivered = await redeliveries(target);
  try {
    for (let call = 1; call <= 2; call += 1)
      await connector.outcome(connector.write().envelope, target, 'failed_transient');
    await waitForStatus(scheduler.url, target, (status) => status.breaker.state !== 'closed');
    const firstFailureAt = Date.now();
    await connector.failFirst(connector.write(), target, firstFailureAt);
    await waitForStatus(scheduler.url, target, (status) => status.pending === 1);
    await new Promise((resolve) => setTimeout(resolve, firstFailureAt + OUTAGE_MS - Date.now()));
    await connector.outcome(connector.write().envelope, target, 'succeeded');
    const closed = await waitForStatus(
      scheduler.url,
      target,
      (status) => status.breaker.state === 'closed',
    );
    const [retry] = await redelivered.waitFor(1, 2 * STEP_MS + 30_000);
    if (retry === undefined) throw new Error('no redelivery');
    return {
      firstFailureAt,
      closedAt: Date.parse(closed.breaker.since ?? ''),
      retry,
      row: await scheduleRow(deployment, retry.eventId),
    };
  } finally {
    await redelivered.close();
    await scheduler.stop();
    await deployment.drop();
  }
}

describe('retry clocks while the target is unreachable', () => {
  let connector: FakeConnector;

  beforeAll(async () => {
    connector = await FakeConnector.start();
  });

  afterAll(async () => {
    await connector.close();
  });

  it('stop by default: a retry moves by the outage after its first failure', async () => {
    const { firstFailureAt, closedAt, retry, row } = await retryAcrossOutage(connector, true);
    expect(closedAt).toBeGreaterThan(firstFailureAt);
    // Due one step after the breaker closed: the outage after the first failure did not count.
    expect(row.dueAt).toBe(closedAt + STEP_MS);
    expect(retry.receivedAt).toBeGreaterThanOrEqual(row.dueAt);
    expect(retry.context.attempts).toBe(1);
  });

  it('run on with RETRY_PAUSE_CLOCK_WHEN_OPEN=false: the retry keeps its plain due time', async () => {
    const { firstFailureAt, closedAt, retry, row } = await retryAcrossOutage(connector, false);
    expect(closedAt).toBeGreaterThan(firstFailureAt);
    // Due one step after the first failure, not moved by the outage.
    expect(row.dueAt).toBe(firstFailureAt + STEP_MS);
    expect(retry.receivedAt).toBeGreaterThanOrEqual(row.dueAt);
    expect(retry.context.attempts).toBe(1);
  });
});
