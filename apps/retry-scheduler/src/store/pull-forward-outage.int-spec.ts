/**
 * An operator's pull-forward during an outage against the outage's shift when it ends, on
 * the real table: what the operator made due stays due; everything else moves as before.
 */
import { createTestSchema, type TestSchema } from '@hub/testing';
import type { DataSource } from 'typeorm';
import { insertScheduleRow, pullForward, shiftForOutage } from './schedule-store';
import { openSchedulerDataSource } from './scheduler-data-source';

let schema: TestSchema;
let dataSource: DataSource;

beforeAll(async () => {
  schema = await createTestSchema('retry_pull');
  dataSource = await openSchedulerDataSource(schema.databaseUrl, schema.schema);
});
afterAll(async () => {
  await dataSource.destroy();
  await schema.drop();
});

async function seed(
  target: string,
  eventId: string,
  times: { firstFailureAt: number; dueAt: number },
): Promise<void> {
  await insertScheduleRow(dataSource.manager, {
    target,
    eventId,
    attempts: 1,
    step: 1,
    kind: 'redeliver',
    operatorRetry: '',
    enqueuedAt: times.firstFailureAt,
    ...times,
    key: null,
    value: Buffer.from('{}'),
    headers: {},
    consumedFrom: { topic: `hub.retry.${target}.v1`, partition: 0, offset: eventId },
  });
}

async function dueTimes(target: string): Promise<Record<string, number>> {
  const rows: { event_id: string; due_at: string }[] = await dataSource.query(
    `SELECT event_id, due_at FROM retry_schedule WHERE target = $1`,
    [target],
  );
  return Object.fromEntries(rows.map((row) => [row.event_id, Number(row.due_at)]));
}

const shift = (target: string, startedAt: number, endedAt: number): Promise<void> =>
  shiftForOutage(dataSource.manager, target, startedAt, endedAt);

// The outage: breaker open from 10 s to 20 s.
const STARTED = 10_000;
const ENDED = 20_000;

it('leaves what an operator pulled forward during the outage due at the pull', async () => {
  await seed('during', 'far', { firstFailureAt: 1_000, dueAt: 100_000 });
  await seed('during', 'due-sooner', { firstFailureAt: 1_000, dueAt: 12_000 });
  await seed('during', 'taken-in-after', { firstFailureAt: 16_000, dueAt: 50_000 });

  // Every replica applies the order; the second time changes nothing.
  expect(await pullForward(dataSource, 'during', 14_000)).toBe(1);
  expect(await pullForward(dataSource, 'during', 14_000)).toBe(0);
  await shift('during', STARTED, ENDED);
  expect(await pullForward(dataSource, 'during', 14_000)).toBe(0);

  expect(await dueTimes('during')).toEqual({
    far: 14_000,
    // Covered by the order (due by 14 s at the latest) though not moved by it.
    'due-sooner': 12_000,
    // Taken in after the order: its clock stood still from its first failure to the end.
    'taken-in-after': 50_000 + (ENDED - 16_000),
  });

  // A later outage moves them like any other row, and the order read again (a restart reads
  // the control topic from the beginning) does not undo that shift: it applies to a row once.
  await shift('during', 30_000, 40_000);
  expect(await pullForward(dataSource, 'during', 14_000)).toBe(0);
  expect(await dueTimes('during')).toEqual({
    far: 24_000,
    'due-sooner': 22_000,
    'taken-in-after': 64_000,
  });
});

it('moves a row pulled forward before the outage began, and an ordinary row, as before', async () => {
  await seed('before', 'pulled', { firstFailureAt: 1_000, dueAt: 100_000 });
  expect(await pullForward(dataSource, 'before', 5_000)).toBe(1);
  await seed('ordinary', 'plain', { firstFailureAt: 1_000, dueAt: 15_000 });
  await seed('ordinary', 'failed-in-outage', { firstFailureAt: 12_000, dueAt: 14_000 });

  await shift('before', STARTED, ENDED);
  await shift('ordinary', STARTED, ENDED);

  expect(await dueTimes('before')).toEqual({ pulled: 5_000 + (ENDED - STARTED) });
  expect(await dueTimes('ordinary')).toEqual({
    plain: 15_000 + (ENDED - STARTED),
    'failed-in-outage': 14_000 + (ENDED - 12_000),
  });
});

it('pulls forward at the moment the outage began', async () => {
  await seed('at-start', 'far', { firstFailureAt: 1_000, dueAt: 100_000 });
  await pullForward(dataSource, 'at-start', STARTED);
  await shift('at-start', STARTED, ENDED);
  expect(await dueTimes('at-start')).toEqual({ far: STARTED });
});
