import { uniqueName } from '@hub/testing';
import { FakeConnector, redeliveries } from '../testing/fake-connector';
import {
  schedulerDeployment,
  type RunningScheduler,
  type SchedulerDeployment,
} from '../testing/scheduler-harness';
import { waitForStatus } from '../testing/status-client';

const DRAIN_RATE = 20;
const BACKLOG = 40;
/** Measured rate must be within 20 % of the configured one. */
const RATE_TOLERANCE = 0.2;

describe('bounded drain after recovery', () => {
  const target = uniqueName('drain');
  let deployment: SchedulerDeployment;
  let scheduler: RunningScheduler;
  let connector: FakeConnector;

  beforeAll(async () => {
    deployment = await schedulerDeployment([{ id: target, drainRate: DRAIN_RATE }], {
      RETRY_SCHEDULE: '10ms',
      RETRY_MAX_AGE: '1h',
      RETRY_DRAIN_RATE: '10000',
      RETRY_BREAKER_MIN_CALLS: '2',
      RETRY_BREAKER_COOL_DOWN: '300ms',
    });
    scheduler = await deployment.start();
    connector = await FakeConnector.start();
  });

  afterAll(async () => {
    await scheduler.stop();
    await connector.close();
    await deployment.drop();
  });

  it('drains the backlog at the configured per-target rate once the breaker closes', async () => {
    const redelivered = await redeliveries(target);
    try {
      for (let call = 1; call <= 2; call += 1)
        await connector.outcome(connector.write().envelope, target, 'failed_transient');
      await waitForStatus(scheduler.url, target, (status) => status.breaker.state !== 'closed');
      const writes = Array.from({ length: BACKLOG }, () => connector.write());
      await connector.failFirstMany(writes, target);
      await waitForStatus(
        scheduler.url,
        target,
        (status) => status.pending + redelivered.items.length === BACKLOG,
      );

      const [probe] = await redelivered.waitFor(1, 5_000);
      if (probe === undefined) throw new Error('no probe');
      const probed = writes.find((write) => write.envelope.eventId === probe.eventId);
      if (probed === undefined) throw new Error('probe of an unknown write');
      await connector.outcome(probed.envelope, target, 'succeeded', 2);

      const all = await redelivered.waitFor(BACKLOG, 10_000);
      const drained = all.slice(1);
      // The bucket starts with a tenth of a second's worth; the steady rate is measured after it.
      const burst = Math.max(1, Math.ceil(DRAIN_RATE / 10));
      const steady = drained.slice(burst);
      const first = steady[0];
      const last = steady.at(-1);
      if (first === undefined || last === undefined) throw new Error('nothing drained');
      const measured = ((steady.length - 1) * 1_000) / (last.receivedAt - first.receivedAt);
      expect(measured).toBeGreaterThan(DRAIN_RATE * (1 - RATE_TOLERANCE));
      expect(measured).toBeLessThan(DRAIN_RATE * (1 + RATE_TOLERANCE));
      expect(new Set(all.map((item) => item.eventId)).size).toBe(BACKLOG);
    } finally {
      await redelivered.close();
    }
  });
});
