import { uniqueName } from '@hub/testing';
import { ControlOrders } from '../testing/control-orders';
import { FakeConnector, redeliveries, type TestWrite } from '../testing/fake-connector';
import {
  schedulerDeployment,
  type RunningScheduler,
  type SchedulerDeployment,
} from '../testing/scheduler-harness';
import { waitForStatus } from '../testing/status-client';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("the scheduler obeys the operators' target controls", () => {
  const slow = uniqueName('slow');
  const quick = uniqueName('quick');
  let deployment: SchedulerDeployment;
  let scheduler: RunningScheduler;
  let connector: FakeConnector;
  let orders: ControlOrders;

  beforeAll(async () => {
    deployment = await schedulerDeployment([{ id: slow, schedule: '1h' }, { id: quick }], {
      RETRY_SCHEDULE: '50ms',
      RETRY_MAX_AGE: '2h',
      RETRY_BREAKER_MIN_CALLS: '2',
      RETRY_BREAKER_FAILURE_RATE: '0.5',
      RETRY_BREAKER_COOL_DOWN: '1h',
      RETRY_DRAIN_RATE: '1000',
    });
    scheduler = await deployment.start();
    connector = await FakeConnector.start();
    orders = await ControlOrders.start();
  });

  afterAll(async () => {
    await scheduler.stop();
    await Promise.all([connector.close(), orders.close()]);
    await deployment.drop();
  });

  it('pull-forward makes far-future retries due now; paused, none is sent until resumed, then all in order', async () => {
    const sent = await redeliveries(slow);
    try {
      // One entity key: one partition, taken in in the order failed, and released in it.
      const sku = uniqueName('SKU');
      const writes: TestWrite[] = Array.from({ length: 3 }, () => connector.write(sku));
      for (const write of writes) await connector.failFirst(write, slow);
      const waiting = await waitForStatus(scheduler.url, slow, (status) => status.pending === 3);
      expect(Date.parse(waiting.nextDueAt ?? '')).toBeGreaterThan(Date.now() + 50 * 60_000);

      await orders.order(slow, { paused: true });
      await waitForStatus(scheduler.url, slow, (status) => status.control.paused);
      await orders.order(slow, { pullForwardBefore: Date.now() });
      const pulled = await waitForStatus(
        scheduler.url,
        slow,
        (status) => Date.parse(status.nextDueAt ?? '') <= Date.now(),
      );
      expect(pulled).toMatchObject({ pending: 3, control: { paused: true, breaker: 'auto' } });
      await pause(500);
      expect(sent.items).toHaveLength(0);

      await orders.order(slow, { paused: false });
      const released = await sent.waitFor(3, 5_000);
      expect(released.map((item) => item.eventId)).toEqual(
        writes.map((write) => write.envelope.eventId),
      );
      await waitForStatus(scheduler.url, slow, (status) => status.pending === 0);
    } finally {
      await sent.close();
    }
  });

  it('holds everything while the breaker is forced open, and sends through an open breaker forced closed', async () => {
    const sent = await redeliveries(quick);
    try {
      await orders.order(quick, { breaker: 'open' });
      await waitForStatus(scheduler.url, quick, (status) => status.control.breaker === 'open');
      await connector.failFirstMany([connector.write(), connector.write()], quick);
      await waitForStatus(scheduler.url, quick, (status) => status.pending === 2);
      await pause(500);
      expect(sent.items).toHaveLength(0);
      await orders.order(quick, { breaker: 'auto' });
      await sent.waitFor(2, 5_000);

      // Two failed calls open the shared breaker (cool-down 1 h): nothing would be sent.
      for (let call = 1; call <= 2; call += 1)
        await connector.outcome(connector.write().envelope, quick, 'failed_transient');
      await waitForStatus(scheduler.url, quick, (status) => status.breaker.state === 'open');
      await connector.failFirstMany([connector.write(), connector.write()], quick);
      await waitForStatus(scheduler.url, quick, (status) => status.pending === 2);
      await pause(300);
      expect(sent.items).toHaveLength(2);
      await orders.order(quick, { breaker: 'closed' });
      await sent.waitFor(4, 5_000);
      const after = await waitForStatus(scheduler.url, quick, (status) => status.pending === 0);
      expect(after).toMatchObject({
        breaker: { state: 'open' },
        control: { breaker: 'closed', changedBy: 'test-operator' },
      });
      await orders.order(quick, { breaker: 'auto' });
    } finally {
      await sent.close();
    }
  });
});
