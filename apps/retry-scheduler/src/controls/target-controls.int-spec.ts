import { TARGET_HELD } from '@hub/contracts';
import { recordFailure, type RetryContext } from '@hub/delivery-protocol';
import { uniqueName } from '@hub/testing';
import { ControlOrders } from '../testing/control-orders';
import {
  FakeConnector,
  redeliveries,
  transientFailure,
  type TestWrite,
} from '../testing/fake-connector';
import {
  schedulerDeployment,
  type RunningScheduler,
  type SchedulerDeployment,
} from '../testing/scheduler-harness';
import { waitForStatus } from '../testing/status-client';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const held = {
  code: TARGET_HELD,
  errorClass: 'transient',
  message: 'paused by an operator',
  httpStatus: null,
} as const;

/** A retry context after these attempts: held back by an operator, or failed at the target. */
function attempts(target: string, ...kinds: ('held' | 'failed')[]): RetryContext {
  let context: RetryContext | undefined;
  for (const kind of kinds)
    context = recordFailure(context, target, {
      failure: kind === 'held' ? held : transientFailure,
      at: Date.now(),
    });
  if (context === undefined) throw new Error('no attempt');
  return context;
}

describe("the scheduler obeys the operators' target controls", () => {
  const slow = uniqueName('slow');
  const quick = uniqueName('quick');
  const tiered = uniqueName('tiered');
  let deployment: SchedulerDeployment;
  let scheduler: RunningScheduler;
  let connector: FakeConnector;
  let orders: ControlOrders;

  beforeAll(async () => {
    deployment = await schedulerDeployment(
      [{ id: slow, schedule: '1h' }, { id: quick }, { id: tiered, schedule: '1m,2m,3m' }],
      {
        RETRY_SCHEDULE: '50ms',
        RETRY_MAX_AGE: '2h',
        RETRY_BREAKER_MIN_CALLS: '2',
        RETRY_BREAKER_FAILURE_RATE: '0.5',
        RETRY_BREAKER_COOL_DOWN: '1h',
        RETRY_DRAIN_RATE: '1000',
      },
    );
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

  it("counts a held write in the schedule step of the target's own failures (hub_retry_pending's tier)", async () => {
    // Paused, held writes stay pending (due now, but not sent).
    await orders.order(tiered, { paused: true });
    await waitForStatus(scheduler.url, tiered, (status) => status.control.paused);
    await connector.sendRetry(connector.write(), attempts(tiered, 'held', 'held', 'held'));
    await connector.sendRetry(connector.write(), attempts(tiered, 'held', 'held', 'failed'));
    await connector.sendRetry(connector.write(), attempts(tiered, 'failed', 'failed'));
    await waitForStatus(scheduler.url, tiered, (status) => status.pending === 3);

    // The gauges are refreshed every 5 s.
    const deadline = Date.now() + 15_000;
    let tiers: Record<string, number> = {};
    const line = /^hub_retry_pending\{target="([^"]+)",tier="(\d+)"\} (\d+)$/;
    while (Object.values(tiers).reduce((sum, n) => sum + n, 0) !== 3 && Date.now() < deadline) {
      await pause(250);
      const text = await (await fetch(`${scheduler.url}/metrics`)).text();
      tiers = {};
      for (const found of text.split('\n').map((l) => line.exec(l)))
        if (found?.[1] === tiered) tiers[found[2] ?? ''] = Number(found[3]);
    }
    expect(tiers).toEqual({ '1': 2, '2': 1, '3': 0 });
  });
});
