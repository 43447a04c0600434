import { topics } from '@hub/contracts';
import { operatorRetryHeader, recordFailure, type RetryContext } from '@hub/delivery-protocol';
import { uniqueName } from '@hub/testing';
import { claimTimes, dueDelays, excessOverRate } from '../testing/claim-times';
import {
  FakeConnector,
  TopicCollector,
  redeliveries,
  transientFailure,
  type TestWrite,
} from '../testing/fake-connector';
import {
  schedulerDeployment,
  type RunningScheduler,
  type SchedulerDeployment,
} from '../testing/scheduler-harness';
import { targetStatus, waitForStatus } from '../testing/status-client';

const DRAIN_RATE = 10;
const BULK = 30;
// Long enough to see the bulk retry held, on a loaded machine.
const COOL_DOWN_MS = 3_000;

/** A history that has spent the schedule (10ms steps, 50ms max age: 5 retries, the 6th is over). */
function exhausted(target: string, at: number): RetryContext {
  let context: RetryContext | undefined;
  for (let attempt = 0; attempt < 6; attempt += 1)
    context = recordFailure(context, target, { failure: transientFailure, at: at + attempt });
  if (context === undefined) throw new Error('no context');
  return context;
}

function withOriginOffset(write: TestWrite): TestWrite {
  // Headers the scheduler does not own (here one another change adds) must survive as they are.
  return { ...write, headers: { ...write.headers, 'hub-origin-offset': 'erp.x.v1/2/41' } };
}

describe('operator retries from the DLQ reviewer', () => {
  const target = uniqueName('operator');
  const bulkTarget = uniqueName('bulk');
  let deployment: SchedulerDeployment;
  let scheduler: RunningScheduler;
  let connector: FakeConnector;

  beforeAll(async () => {
    const targets = [target, bulkTarget].map((id) => ({ id, drainRate: DRAIN_RATE }));
    deployment = await schedulerDeployment(targets, {
      RETRY_SCHEDULE: '10ms',
      RETRY_MAX_AGE: '50ms',
      RETRY_BREAKER_MIN_CALLS: '2',
      RETRY_BREAKER_COOL_DOWN: `${COOL_DOWN_MS}ms`,
    });
    scheduler = await deployment.start();
    connector = await FakeConnector.start();
  });

  afterAll(async () => {
    await scheduler.stop();
    await connector.close();
    await deployment.drop();
  });

  it('delivers an exhausted write once more instead of dead-lettering it again', async () => {
    const redelivered = await redeliveries(target);
    const deadLetters = await TopicCollector.start(topics.deadLetter, ({ headers }) =>
      headers['hub-target'] === target ? headers : undefined,
    );
    try {
      const write = withOriginOffset(connector.write());
      const context = exhausted(target, Date.now());
      // The scheduler's own dead letter of this write (the schedule is spent).
      await connector.failAgain({
        receivedAt: Date.now(),
        key: write.key,
        value: write.value,
        headers: write.headers,
        context: { ...context, attempts: 5, history: context.history.slice(0, 5) },
        eventId: write.envelope.eventId,
      });
      await deadLetters.waitFor(1);

      await connector.operatorRetry(write, context);
      const [item] = await redelivered.waitFor(1);
      if (item === undefined) throw new Error('no redelivery');
      expect(item.eventId).toBe(write.envelope.eventId);
      expect(item.value.equals(write.value)).toBe(true);
      expect(item.headers).toMatchObject(write.headers);
      expect(item.headers[operatorRetryHeader]).toBeUndefined();
      expect(item.context).toEqual(context);

      // Its next failure is a plain retry again: over budget, so one more dead letter.
      await connector.failAgain(item);
      await deadLetters.waitFor(2);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(redelivered.items).toHaveLength(1);
      expect(deadLetters.items).toHaveLength(2);
    } finally {
      await Promise.all([redelivered.close(), deadLetters.close()]);
    }
  });

  it('holds a bulk retry while the breaker is open, then releases it at the drain rate', async () => {
    const redelivered = await redeliveries(bulkTarget);
    try {
      for (let call = 1; call <= 2; call += 1)
        await connector.outcome(connector.write().envelope, bulkTarget, 'failed_transient');
      const open = await waitForStatus(
        scheduler.url,
        bulkTarget,
        (s) => s.breaker.state === 'open',
      );
      const writes = Array.from({ length: BULK }, () => connector.write());
      const at = Date.now();
      await connector.operatorRetryMany(writes, () => exhausted(bulkTarget, at));
      await waitForStatus(
        scheduler.url,
        bulkTarget,
        (s) => s.pending + redelivered.items.length === BULK,
      );
      const sentBefore = (await claimTimes(deployment, bulkTarget)).length;

      // Held for the rest of the cool-down: nothing reaches the redelivery topic. Only what
      // was read before the half-open time counts (a slow status call may end after it).
      const halfOpenAt = Date.parse(open.breaker.halfOpenAt ?? '');
      let checks = 0;
      while (Date.now() < halfOpenAt) {
        const state = (await targetStatus(scheduler.url, bulkTarget)).breaker.state;
        const seen = redelivered.items.length;
        if (Date.now() >= halfOpenAt) break;
        expect([state, seen]).toEqual(['open', 0]);
        checks += 1;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(checks).toBeGreaterThan(5);

      const [probe] = await redelivered.waitFor(1, 10_000);
      const probed = writes.find((write) => write.envelope.eventId === probe?.eventId);
      if (probed === undefined) throw new Error('probe of an unknown write');
      await connector.outcome(probed.envelope, bulkTarget, 'succeeded', 7);

      const all = await redelivered.waitFor(BULK, 20_000);
      expect(new Set(all.map((item) => item.eventId)).size).toBe(BULK);
      // Due when asked for: the end of the outage did not move them by its length.
      expect(await dueDelays(deployment, bulkTarget)).toEqual(
        Array.from({ length: BULK }, () => 0),
      );
      // The probe goes out alone; the drain after the breaker closed must fit the bucket.
      const drained = (await claimTimes(deployment, bulkTarget)).slice(sentBefore + 1);
      expect(drained).toHaveLength(BULK - 1);
      expect(excessOverRate(drained, DRAIN_RATE, Math.ceil(DRAIN_RATE / 10))).toBeLessThan(1e-6);
      const span = (drained.at(-1) ?? 0) - (drained[0] ?? 0);
      // Not all at once: at 10/s the 29 take about 2.7 s (bound, not exact timing).
      expect(span).toBeGreaterThanOrEqual(((BULK - 2 - 1) * 1_000) / DRAIN_RATE);
    } finally {
      await redelivered.close();
    }
  });
});
