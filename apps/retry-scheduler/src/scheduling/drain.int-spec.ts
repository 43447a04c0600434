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
/** The bucket starts with a tenth of a second's worth. */
const BURST = Math.max(1, Math.ceil(DRAIN_RATE / 10));
/**
 * Arrival times at the test's consumer can bunch by this much (one fetch bringing several
 * redeliveries sent apart). Load only spreads redeliveries further apart, so the bounds below
 * hold on a loaded machine; the achieved rate is measured by the benchmark
 * (`apps/retry-scheduler/bench/scheduler.bench.ts`, bounded drain), not asserted here.
 */
const ARRIVAL_JITTER_MS = 500;

/** Pairs of arrivals with more redeliveries between them (both included) than the rate allows. */
function fasterThanRate(arrivals: readonly number[]): string[] {
  const sorted = [...arrivals].sort((a, b) => a - b);
  const violations: string[] = [];
  for (let i = 0; i < sorted.length; i += 1)
    for (let j = i + 1; j < sorted.length; j += 1) {
      const spanMs = (sorted[j] ?? 0) - (sorted[i] ?? 0);
      const allowed = BURST + ((spanMs + ARRIVAL_JITTER_MS) * DRAIN_RATE) / 1_000;
      if (j - i + 1 > allowed) violations.push(`${j - i + 1} in ${spanMs} ms`);
    }
  return violations;
}

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

      // Everything arrives (the floor is (BACKLOG - 1 - BURST) / DRAIN_RATE = 1.85 s; the
      // timeout only bounds a stuck drain), the probe first, each write once.
      const all = await redelivered.waitFor(BACKLOG, 60_000);
      expect(all[0]?.eventId).toBe(probe.eventId);
      expect(new Set(all.map((item) => item.eventId)).size).toBe(BACKLOG);
      // No window of the drain faster than the rate: lower bounds load cannot break.
      const drained = all.slice(1).map((item) => item.receivedAt);
      expect(fasterThanRate(drained)).toEqual([]);
      const spanMs = Math.max(...drained) - Math.min(...drained);
      expect(spanMs).toBeGreaterThanOrEqual(
        ((drained.length - BURST) * 1_000) / DRAIN_RATE - ARRIVAL_JITTER_MS,
      );
    } finally {
      await redelivered.close();
    }
  });
});
