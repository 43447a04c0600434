import { uniqueName } from '@hub/testing';
import {
  FakeConnector,
  redeliveries,
  type Received,
  type TopicCollector,
} from '../testing/fake-connector';
import {
  schedulerDeployment,
  type RunningScheduler,
  type SchedulerDeployment,
} from '../testing/scheduler-harness';
import { waitForStatus } from '../testing/status-client';

const COOL_DOWN_MS = 1_500;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('per-target circuit breaker', () => {
  const down = uniqueName('down');
  const healthy = uniqueName('healthy');
  let deployment: SchedulerDeployment;
  let scheduler: RunningScheduler;
  let connector: FakeConnector;

  beforeAll(async () => {
    deployment = await schedulerDeployment([{ id: down }, { id: healthy }], {
      RETRY_SCHEDULE: '50ms',
      RETRY_MAX_AGE: '1h',
      RETRY_BREAKER_MIN_CALLS: '2',
      RETRY_BREAKER_FAILURE_RATE: '0.5',
      RETRY_BREAKER_COOL_DOWN: `${COOL_DOWN_MS}ms`,
      RETRY_PROBE_TIMEOUT: '30s',
      RETRY_DRAIN_RATE: '1000',
    });
    scheduler = await deployment.start();
    connector = await FakeConnector.start();
  });

  afterAll(async () => {
    await scheduler.stop();
    await connector.close();
    await deployment.drop();
  });

  it('holds an open target except for one probe per cool-down while another target flows, then drains on close', async () => {
    const toDown: TopicCollector<Received> = await redeliveries(down);
    const toHealthy = await redeliveries(healthy);
    try {
      for (let call = 1; call <= 2; call += 1)
        await connector.outcome(connector.write().envelope, down, 'failed_transient');
      const open = await waitForStatus(
        scheduler.url,
        down,
        (status) => status.breaker.state === 'open',
      );
      const halfOpenAt = Date.parse(open.breaker.halfOpenAt ?? '');

      const downWrites = Array.from({ length: 5 }, () => connector.write());
      await connector.failFirstMany(downWrites, down);
      await connector.failFirstMany(
        [connector.write(), connector.write(), connector.write()],
        healthy,
      );
      await toHealthy.waitFor(3, 5_000);
      // Nothing reached the open target before its cool-down ended.
      expect(toDown.items.filter((item) => item.receivedAt < halfOpenAt)).toHaveLength(0);
      await waitForStatus(
        scheduler.url,
        down,
        (status) => status.pending + toDown.items.length === 5,
      );

      const [firstProbe] = await toDown.waitFor(1, 5_000);
      if (firstProbe === undefined) throw new Error('no probe');
      expect(firstProbe.receivedAt).toBeGreaterThanOrEqual(halfOpenAt);
      await pause(300);
      expect(toDown.items).toHaveLength(1); // one probe at a time

      await connector.failAgain(firstProbe);
      await connector.outcome(connector.write().envelope, down, 'failed_transient', 1);
      const reopened = await waitForStatus(
        scheduler.url,
        down,
        (status) => status.breaker.state === 'open',
      );
      const secondHalfOpenAt = Date.parse(reopened.breaker.halfOpenAt ?? '');
      await pause(300);
      expect(toDown.items).toHaveLength(1);

      const second = (await toDown.waitFor(2, 5_000))[1];
      if (second === undefined) throw new Error('no second probe');
      expect(second.receivedAt).toBeGreaterThanOrEqual(secondHalfOpenAt);
      await connector.outcome(
        downWrites.find((write) => write.envelope.eventId === second.eventId)?.envelope ??
          connector.write().envelope,
        down,
        'succeeded',
        2,
      );
      await waitForStatus(scheduler.url, down, (status) => status.breaker.state === 'closed');
      // 5 held, 2 sent as probes, the failed probe came back as attempt 2: 4 more.
      const all = await toDown.waitFor(6, 5_000);
      expect(new Set(all.map((item) => `${item.eventId}/${item.context.attempts}`)).size).toBe(6);
      await waitForStatus(scheduler.url, down, (status) => status.pending === 0);
    } finally {
      await Promise.all([toDown.close(), toHealthy.close()]);
    }
  });
});
