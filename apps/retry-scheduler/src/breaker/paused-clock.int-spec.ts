import { uniqueName } from '@hub/testing';
import { FakeConnector, redeliveries, type Received } from '../testing/fake-connector';
import { schedulerDeployment } from '../testing/scheduler-harness';
import { waitForStatus } from '../testing/status-client';

const STEP_MS = 2_000;
const OUTAGE_MS = 800;
const TOLERANCE_MS = 500;

interface OutageRun {
  readonly firstFailureAt: number;
  readonly closedAt: number;
  readonly retry: Received;
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
    const [retry] = await redelivered.waitFor(1, 2 * STEP_MS + 5_000);
    if (retry === undefined) throw new Error('no redelivery');
    return { firstFailureAt, closedAt: Date.parse(closed.breaker.since ?? ''), retry };
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
    const { firstFailureAt, closedAt, retry } = await retryAcrossOutage(connector, true);
    expect(closedAt).toBeGreaterThan(firstFailureAt);
    const due = closedAt + STEP_MS;
    expect(retry.receivedAt).toBeGreaterThanOrEqual(due);
    expect(retry.receivedAt - due).toBeLessThanOrEqual(TOLERANCE_MS);
    expect(retry.context.attempts).toBe(1);
  });

  it('run on with RETRY_PAUSE_CLOCK_WHEN_OPEN=false: the retry keeps its plain due time', async () => {
    const { firstFailureAt, closedAt, retry } = await retryAcrossOutage(connector, false);
    const due = firstFailureAt + STEP_MS;
    expect(retry.receivedAt).toBeGreaterThanOrEqual(due);
    expect(retry.receivedAt).toBeLessThan(closedAt + STEP_MS);
    expect(retry.receivedAt - due).toBeLessThanOrEqual(TOLERANCE_MS);
  });
});
