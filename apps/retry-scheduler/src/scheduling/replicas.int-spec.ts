import { uniqueName } from '@hub/testing';
import { claimTimes, excessOverRate } from '../testing/claim-times';
import { FakeConnector, redeliveries } from '../testing/fake-connector';
import {
  schedulerDeployment,
  type RunningScheduler,
  type SchedulerDeployment,
} from '../testing/scheduler-harness';

const COUNT = 300;
const DRAIN_RATE = 20;
const DRAINED = 60;

async function redeliveredBy(scheduler: RunningScheduler, target: string): Promise<number> {
  const text = await (await fetch(`${scheduler.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((entry) => entry.startsWith(`hub_retry_redelivered_total{target="${target}"}`));
  return Number(line?.split(' ').at(-1) ?? 0);
}

describe('two scheduler instances', () => {
  const target = uniqueName('replicas');
  const paced = uniqueName('paced');
  let deployment: SchedulerDeployment;
  let connector: FakeConnector;
  let one: RunningScheduler;
  let two: RunningScheduler;

  beforeAll(async () => {
    deployment = await schedulerDeployment([{ id: target }, { id: paced, drainRate: DRAIN_RATE }], {
      RETRY_SCHEDULE: '300ms',
      RETRY_MAX_AGE: '1h',
      RETRY_DRAIN_RATE: '100000',
      RETRY_BATCH_SIZE: '10',
    });
    connector = await FakeConnector.start();
    one = await deployment.start();
    two = await deployment.start();
  });

  afterAll(async () => {
    await Promise.all([one.stop(), two.stop()]);
    await connector.close();
    await deployment.drop();
  });

  it('never redelivers one retry twice, and both do some of the work', async () => {
    const redelivered = await redeliveries(target);
    try {
      const writes = Array.from({ length: COUNT }, () => connector.write());
      for (let start = 0; start < COUNT; start += 50)
        await connector.failFirstMany(writes.slice(start, start + 50), target);
      await redelivered.waitFor(COUNT, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(redelivered.items).toHaveLength(COUNT);
      expect(new Set(redelivered.items.map((item) => item.eventId)).size).toBe(COUNT);
      const [byOne, byTwo] = [await redeliveredBy(one, target), await redeliveredBy(two, target)];
      expect(byOne + byTwo).toBe(COUNT);
      expect(byOne).toBeGreaterThan(0);
      expect(byTwo).toBeGreaterThan(0);
    } finally {
      await redelivered.close();
    }
  });

  it('keeps one target to its drain rate across both instances together', async () => {
    const redelivered = await redeliveries(paced);
    try {
      const writes = Array.from({ length: DRAINED }, () => connector.write());
      await connector.failFirstMany(writes, paced);
      await redelivered.waitFor(DRAINED, 30_000);
      // A redelivery may arrive before the claim that sent it has committed (produce, then
      // mark sent, then commit): wait for the last commits before reading the claim times.
      let times = await claimTimes(deployment, paced);
      for (let wait = 0; wait < 20 && times.length < DRAINED; wait += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        times = await claimTimes(deployment, paced);
      }
      expect(times).toHaveLength(DRAINED);
      // A bucket of burst b refilled at R allows at most b + R·t claims in any span t, for
      // both instances together (each with its own bucket would allow twice that).
      expect(excessOverRate(times, DRAIN_RATE, Math.ceil(DRAIN_RATE / 10))).toBeLessThan(1e-6);
      const [byOne, byTwo] = [await redeliveredBy(one, paced), await redeliveredBy(two, paced)];
      expect(byOne + byTwo).toBe(DRAINED);
      expect(byOne).toBeGreaterThan(0);
      expect(byTwo).toBeGreaterThan(0);
    } finally {
      await redelivered.close();
    }
  });
});
