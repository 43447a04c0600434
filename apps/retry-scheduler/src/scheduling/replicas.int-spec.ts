import { uniqueName } from '@hub/testing';
import { FakeConnector, redeliveries } from '../testing/fake-connector';
import {
  schedulerDeployment,
  type RunningScheduler,
  type SchedulerDeployment,
} from '../testing/scheduler-harness';

const COUNT = 300;

async function redeliveredBy(scheduler: RunningScheduler, target: string): Promise<number> {
  const text = await (await fetch(`${scheduler.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((entry) => entry.startsWith(`hub_retry_redelivered_total{target="${target}"}`));
  return Number(line?.split(' ').at(-1) ?? 0);
}

describe('two scheduler instances', () => {
  const target = uniqueName('replicas');
  let deployment: SchedulerDeployment;
  let connector: FakeConnector;

  beforeAll(async () => {
    deployment = await schedulerDeployment([{ id: target }], {
      RETRY_SCHEDULE: '300ms',
      RETRY_MAX_AGE: '1h',
      RETRY_DRAIN_RATE: '100000',
      RETRY_BATCH_SIZE: '10',
    });
    connector = await FakeConnector.start();
  });

  afterAll(async () => {
    await connector.close();
    await deployment.drop();
  });

  it('never redelivers one retry twice', async () => {
    const one = await deployment.start();
    const two = await deployment.start();
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
    } finally {
      await redelivered.close();
      await Promise.all([one.stop(), two.stop()]);
    }
  });
});
