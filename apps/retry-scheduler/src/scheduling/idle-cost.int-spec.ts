/**
 * What an idle scheduler costs Postgres, counted at the client: every round trip the app's
 * connections make (node-postgres `Client.prototype.query`, the app runs in this process).
 * With nothing pending the dispatch loops wait for a notification (LISTEN/NOTIFY) or the
 * idle check, not the poll interval; a retry still goes out on time.
 */
import { uniqueName } from '@hub/testing';
import { Client } from 'pg';
import { retryTopic } from '@hub/contracts';
import { createLogger } from '@hub/observability';
import { retrySchedulerConfig } from '../app/retry-scheduler.config';
import { schedulerPolicies } from '../app/target-policies';
import { openSchedulerDataSource } from '../store/scheduler-data-source';
import { claimTimes } from '../testing/claim-times';
import { ControlOrders } from '../testing/control-orders';
import { consumedRetry } from '../testing/retry-messages';
import { RetryIntake } from './retry-intake';
import { FakeConnector, redeliveries } from '../testing/fake-connector';
import {
  schedulerDeployment,
  type RunningScheduler,
  type SchedulerDeployment,
} from '../testing/scheduler-harness';

const POLL_MS = 100;

/** Round trips made by any node-postgres client of this process while `during` runs. */
async function roundTrips(during: () => Promise<void>): Promise<number> {
  const prototype = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  let count = 0;
  prototype.query = function counted(this: unknown, ...args: unknown[]): unknown {
    count += 1;
    return original.apply(this, args);
  };
  try {
    await during();
  } finally {
    prototype.query = original;
  }
  return count;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

async function dueTimes(deployment: SchedulerDeployment, target: string): Promise<number[]> {
  const client = new Client({ connectionString: deployment.schema.databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ due_at: string }>(
      `SELECT due_at FROM "${deployment.schema.schema}".retry_schedule
        WHERE target = $1 AND kind = 'redeliver' ORDER BY due_at`,
      [target],
    );
    return result.rows.map((row) => Number(row.due_at));
  } finally {
    await client.end();
  }
}

describe('an idle scheduler', () => {
  const targets = [uniqueName('idle-a'), uniqueName('idle-b'), uniqueName('idle-c')];
  let deployment: SchedulerDeployment;
  let scheduler: RunningScheduler;
  let connector: FakeConnector;

  beforeAll(async () => {
    deployment = await schedulerDeployment(
      targets.map((id) => ({ id })),
      { RETRY_SCHEDULE: '400ms', RETRY_MAX_AGE: '1h', RETRY_POLL_INTERVAL: `${POLL_MS}ms` },
    );
    connector = await FakeConnector.start();
    scheduler = await deployment.start();
  });

  afterAll(async () => {
    await scheduler.stop();
    await connector.close();
    await deployment.drop();
  });

  it('makes a few round trips a second to Postgres with nothing pending, not a round per target per poll interval', async () => {
    await sleep(1_000);
    const seconds = 4;
    const made = await roundTrips(() => sleep(seconds * 1_000));
    const perSecond = made / seconds;
    process.stdout.write(`idle: ${String(made)} round trips in ${String(seconds)} s\n`);
    // Polling every 100 ms: 3 targets x 10 rounds x 8 round trips = 240 a second. Waiting for
    // notifications, with the 1 s idle check: 3 x 8 + the 5 s gauge refresh, about 25.
    expect(perSecond).toBeLessThan(30);
  });

  it('waits for the next order while an operator holds a breaker open, instead of a round every millisecond', async () => {
    const target = targets[2] ?? '';
    const orders = await ControlOrders.start();
    try {
      await orders.order(target, { breaker: 'open' });
      await sleep(1_500);
      const seconds = 3;
      const made = await roundTrips(() => sleep(seconds * 1_000));
      process.stdout.write(`forced open: ${String(made)} round trips in ${String(seconds)} s\n`);
      expect(made / seconds).toBeLessThan(30);
    } finally {
      await orders.order(target, { breaker: 'auto' });
      await orders.close();
    }
  });

  it('sends a retry another replica took in within the poll interval of its due time', async () => {
    const target = targets[1] ?? '';
    // The other replica: its own connection pool and retry intake, no dispatch loops.
    const config = retrySchedulerConfig.load(deployment.env);
    const dataSource = await openSchedulerDataSource(config.database.url, config.databaseSchema);
    try {
      const intake = new RetryIntake(
        dataSource,
        schedulerPolicies(config),
        new Map([[retryTopic(target), target]]),
        { now: () => Date.now() },
        createLogger({ service: 'other-replica', level: 'silent' }),
      );
      for (let index = 0; index < 3; index += 1) {
        await intake.handleBatch([consumedRetry(connector.write(), target)]);
        await sleep(300);
      }
      await sleep(1_500);
      const [due, claimed] = [
        await dueTimes(deployment, target),
        await claimTimes(deployment, target),
      ];
      expect(claimed).toHaveLength(3);
      // Without the notice this replica would find them at its 1 s idle check.
      claimed.forEach((at, index) => {
        expect(at - (due[index] ?? NaN)).toBeGreaterThanOrEqual(0);
        expect(at - (due[index] ?? NaN)).toBeLessThan(POLL_MS + 150);
      });
    } finally {
      await dataSource.destroy();
    }
  });

  it('still sends a retry within the poll interval of its due time', async () => {
    const target = targets[0] ?? '';
    const redelivered = await redeliveries(target);
    try {
      const writes = Array.from({ length: 5 }, () => connector.write());
      for (const write of writes) {
        await connector.failFirst(write, target);
        await sleep(150);
      }
      await redelivered.waitFor(writes.length, 10_000);
      const [due, claimed] = [
        await dueTimes(deployment, target),
        await claimTimes(deployment, target),
      ];
      expect(claimed).toHaveLength(writes.length);
      const late = claimed.map((at, index) => at - (due[index] ?? NaN));
      for (const ms of late) {
        expect(ms).toBeGreaterThanOrEqual(0);
        // The bound before notifications: one poll interval, plus a round on a busy machine.
        expect(ms).toBeLessThan(POLL_MS + 150);
      }
    } finally {
      await redelivered.close();
    }
  });
});
