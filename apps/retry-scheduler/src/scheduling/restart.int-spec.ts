import { uniqueName } from '@hub/testing';
import { FakeConnector, redeliveries } from '../testing/fake-connector';
import { schedulerDeployment, type SchedulerDeployment } from '../testing/scheduler-harness';
import { waitForStatus } from '../testing/status-client';

const DELAY_MS = 3_000;

describe('restart mid-schedule', () => {
  const target = uniqueName('restart');
  let deployment: SchedulerDeployment;
  let connector: FakeConnector;

  beforeAll(async () => {
    deployment = await schedulerDeployment([{ id: target }], {
      RETRY_SCHEDULE: `${DELAY_MS}ms`,
      RETRY_MAX_AGE: '1h',
      RETRY_DRAIN_RATE: '1000',
    });
    connector = await FakeConnector.start();
  });

  afterAll(async () => {
    await connector.close();
    await deployment.drop();
  });

  it('loses nothing and fires nothing early across a restart, including retries published while down', async () => {
    const first = await deployment.start();
    const redelivered = await redeliveries(target);
    try {
      const before = Array.from({ length: 5 }, () => connector.write());
      const beforeAt = Date.now();
      await connector.failFirstMany(before, target, beforeAt);
      await waitForStatus(first.url, target, (status) => status.pending === 5);
      await first.stop();

      const whileDown = Array.from({ length: 3 }, () => connector.write());
      const whileDownAt = Date.now();
      await connector.failFirstMany(whileDown, target, whileDownAt);
      expect(Date.now()).toBeLessThan(beforeAt + DELAY_MS);

      const second = await deployment.start();
      try {
        const all = await redelivered.waitFor(8, 10_000);
        const dueOf = new Map([
          ...before.map((write) => [write.envelope.eventId, beforeAt + DELAY_MS] as const),
          ...whileDown.map((write) => [write.envelope.eventId, whileDownAt + DELAY_MS] as const),
        ]);
        for (const item of all)
          expect(item.receivedAt).toBeGreaterThanOrEqual(dueOf.get(item.eventId) ?? Infinity);
        expect(new Set(all.map((item) => item.eventId))).toEqual(new Set(dueOf.keys()));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(redelivered.items).toHaveLength(8);
      } finally {
        await second.stop();
      }
    } finally {
      await redelivered.close();
    }
  });
});
