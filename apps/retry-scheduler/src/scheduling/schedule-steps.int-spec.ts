import { topics, type DeadLetterEvent, type DeliveryOutcomeEvent } from '@hub/contracts';
import { uniqueName } from '@hub/testing';
import { Client } from 'pg';
import {
  FakeConnector,
  TopicCollector,
  redeliveries,
  type Received,
} from '../testing/fake-connector';
import {
  schedulerDeployment,
  type RunningScheduler,
  type SchedulerDeployment,
} from '../testing/scheduler-harness';

// 30s,2m,8m,30m,2h (the default steps) at scale 0.0002 with a 5 h max age: retries at
// 6, 30, 126, 486, 1926 and 3366 ms after the first failure; the 7th (4806 ms) would pass
// the 3600 ms max age, so the 7th failure is dead-lettered.
const OFFSETS_MS = [6, 30, 126, 486, 1_926, 3_366];
// How late a retry goes out depends on the machine's load: asserted are the exact due times,
// lower bounds and order; the lateness distribution is the benchmark's (bench/scheduler.bench.ts).

async function scheduleRows(
  deployment: SchedulerDeployment,
  eventId: string,
): Promise<
  { attempts: number; kind: string; dueAt: number; enqueuedAt: number; firedAt: number }[]
> {
  const client = new Client({ connectionString: deployment.schema.databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{
      attempts: number;
      kind: string;
      due_at: string;
      enqueued_at: string;
      done_at: string | null;
    }>(
      `SELECT attempts, kind, due_at, enqueued_at, done_at FROM "${deployment.schema.schema}".retry_schedule WHERE event_id = $1`,
      [eventId],
    );
    return result.rows.map((row) => ({
      attempts: row.attempts,
      kind: row.kind,
      dueAt: Number(row.due_at),
      enqueuedAt: Number(row.enqueued_at),
      firedAt: row.done_at === null ? NaN : Number(row.done_at),
    }));
  } finally {
    await client.end();
  }
}

describe('retry schedule (scaled time)', () => {
  const target = uniqueName('sched');
  let deployment: SchedulerDeployment;
  let scheduler: RunningScheduler;
  let connector: FakeConnector;

  beforeAll(async () => {
    deployment = await schedulerDeployment([{ id: target }], {
      RETRY_SCHEDULE: '30s,2m,8m,30m,2h',
      RETRY_MAX_AGE: '5h',
      RETRY_TIME_SCALE: '0.0002',
    });
    scheduler = await deployment.start();
    connector = await FakeConnector.start();
  });

  afterAll(async () => {
    await scheduler.stop();
    await connector.close();
    await deployment.drop();
  });

  it('fires every step at its due time with the attempt and history headers, then dead-letters once with every attempt', async () => {
    const redelivered = await redeliveries(target);
    const deadLetters = await TopicCollector.start(topics.deadLetter, ({ value, headers }) =>
      headers['hub-target'] === target ? value : undefined,
    );
    const outcomes = await TopicCollector.start(topics.deliveryOutcome, ({ value, headers }) =>
      headers['hub-target'] === target ? value : undefined,
    );
    try {
      const write = connector.write();
      const firstFailureAt = Date.now();
      await connector.failFirst(write, target, firstFailureAt);
      const received: Received[] = [];
      for (const [index, offset] of OFFSETS_MS.entries()) {
        const attempt = index + 1;
        const item = (await redelivered.waitFor(attempt)).at(-1);
        if (item === undefined) throw new Error('no redelivery');
        received.push(item);
        expect(item.receivedAt).toBeGreaterThanOrEqual(firstFailureAt + offset);
        expect(item.eventId).toBe(write.envelope.eventId);
        expect(item.value.equals(write.value)).toBe(true);
        expect(item.context).toMatchObject({ target, attempts: attempt, firstFailureAt });
        expect(item.context.history.map((entry) => entry.attempt)).toEqual(
          Array.from({ length: attempt }, (_, i) => i + 1),
        );
        await connector.failAgain(item);
      }
      const [letter] = await deadLetters.waitFor(1);
      if (letter === undefined) throw new Error('no dead letter');
      // Each step due exactly at its offset, fired no earlier, and the next one taken in only
      // after the previous one arrived (the test fails it again once it has it).
      // Read once the dead letter is out: every row before it is marked sent by then.
      const rows = await scheduleRows(deployment, write.envelope.eventId);
      for (const [index, item] of received.entries()) {
        const row = rows.find((entry) => entry.attempts === index + 1);
        expect(row?.dueAt).toBe(firstFailureAt + (OFFSETS_MS[index] ?? NaN));
        expect(row?.firedAt).toBeGreaterThanOrEqual(row?.dueAt ?? NaN);
        expect(row?.firedAt).toBeGreaterThanOrEqual(row?.enqueuedAt ?? NaN);
        expect(item.receivedAt).toBeGreaterThanOrEqual(row?.dueAt ?? NaN);
        const next = rows.find((entry) => entry.attempts === index + 2);
        expect(next?.enqueuedAt).toBeGreaterThanOrEqual(item.receivedAt);
      }
      const exhausted = (await scheduleRows(deployment, write.envelope.eventId)).find(
        (entry) => entry.attempts === 7,
      );
      expect(exhausted?.kind).toBe('dead_letter');
      const deadLetter = (await connector.serde.decode(letter)) as DeadLetterEvent;
      expect(deadLetter.payload).toMatchObject({
        target,
        reason: 'retries_exhausted',
        originalEventId: write.envelope.eventId,
        firstFailureAt,
      });
      expect(deadLetter.payload.attempts.map((entry) => entry.attempt)).toEqual([
        1, 2, 3, 4, 5, 6, 7,
      ]);
      expect(deadLetter.payload.attempts[6]?.failure).toMatchObject({
        code: 'HTTP_SERVER_ERROR',
        httpStatus: 503,
      });
      expect(Buffer.from(deadLetter.payload.originalValue).equals(write.value)).toBe(true);

      const [outcome] = await outcomes.waitFor(1);
      if (outcome === undefined) throw new Error('no outcome');
      expect(
        ((await connector.serde.decode(outcome)) as DeliveryOutcomeEvent).payload,
      ).toMatchObject({
        outcome: 'dead_lettered',
        deliveredEventId: write.envelope.eventId,
        attempt: 7,
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(deadLetters.items).toHaveLength(1);
      expect(redelivered.items).toHaveLength(6);
    } finally {
      await Promise.all([redelivered.close(), deadLetters.close(), outcomes.close()]);
    }
  });
});
