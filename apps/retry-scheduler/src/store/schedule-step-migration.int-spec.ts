/**
 * ScheduleStep on a schedule that already holds rows: a pending row's step leaves out the
 * operator holds its history header names; a sent row (no payload left) keeps its attempts.
 */
import { createTestSchema, type TestSchema } from '@hub/testing';
import { DataSource } from 'typeorm';
import { ScheduleStep1796342400000 } from './migrations/1796342400000-schedule-step';
import { RETRY_MIGRATIONS_TABLE, schedulerMigrations } from './scheduler-data-source';

let schema: TestSchema;

function dataSource(migrations: readonly (typeof schedulerMigrations)[number][]): DataSource {
  return new DataSource({
    type: 'postgres',
    url: schema.databaseUrl,
    schema: schema.schema,
    migrations: [...migrations],
    migrationsTableName: RETRY_MIGRATIONS_TABLE,
    poolSize: 1,
    extra: { options: `-c search_path=${schema.schema}` },
  });
}

beforeAll(async () => {
  schema = await createTestSchema('retry_step');
});
afterAll(() => schema.drop());

it('fills the step of existing rows from their history, holds left out', async () => {
  const before = await dataSource(
    schedulerMigrations.slice(0, schedulerMigrations.indexOf(ScheduleStep1796342400000)),
  ).initialize();
  const history = (codes: string[]) =>
    JSON.stringify({
      'hub-history': JSON.stringify(
        codes.map((code, index) => ({ attempt: index + 1, at: 1, error: 'x', code })),
      ),
    });
  try {
    await before.runMigrations();
    const insert = (id: string, attempts: number, state: string, headers: string | null) =>
      before.query(
        `INSERT INTO retry_schedule (target, event_id, attempts, kind, state, first_failure_at,
           due_at, enqueued_at, headers, consumed_topic, consumed_partition, consumed_offset)
         VALUES ('odoo', $1, $2, 'redeliver', $3, 1, 1, 1, $4, 't', 0, '0')`,
        [id, attempts, state, headers],
      );
    await insert('held-3', 3, 'pending', history(['TARGET_HELD', 'TARGET_HELD', 'TARGET_HELD']));
    await insert('held-2-failed-1', 3, 'pending', history(['TARGET_HELD', 'TARGET_HELD', 'HTTP']));
    await insert('failed-2', 2, 'pending', history(['HTTP', 'HTTP']));
    await insert('sent', 4, 'done', null);
  } finally {
    await before.destroy();
  }
  const after = await dataSource(schedulerMigrations).initialize();
  try {
    await after.runMigrations();
    const rows: { event_id: string; step: number }[] = await after.query(
      `SELECT event_id, step FROM retry_schedule ORDER BY id`,
    );
    expect(rows).toEqual([
      { event_id: 'held-3', step: 1 },
      { event_id: 'held-2-failed-1', step: 1 },
      { event_id: 'failed-2', step: 2 },
      { event_id: 'sent', step: 4 },
    ]);
  } finally {
    await after.destroy();
  }
});
