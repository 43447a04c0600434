/**
 * The scheduler's own Postgres tables, in their own schema. Schema changes come from
 * migrations, run at start-up; never synchronize.
 */
import { DataSource } from 'typeorm';
import { CreateRetrySchedule1764240000000 } from './migrations/1764240000000-create-retry-schedule';
import { OperatorRetries1764900000000 } from './migrations/1764900000000-operator-retries';
import { ScheduleStep1796342400000 } from './migrations/1796342400000-schedule-step';
import { PulledForward1796428800000 } from './migrations/1796428800000-pulled-forward';

export const RETRY_MIGRATIONS_TABLE = 'retry_scheduler_migrations';

/** Every migration of the scheduler's tables, oldest first. */
export const schedulerMigrations = [
  CreateRetrySchedule1764240000000,
  OperatorRetries1764900000000,
  ScheduleStep1796342400000,
  PulledForward1796428800000,
];

export async function openSchedulerDataSource(url: string, schema: string): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema,
    migrations: schedulerMigrations,
    migrationsTableName: RETRY_MIGRATIONS_TABLE,
    synchronize: false,
    migrationsRun: false,
    poolSize: 10,
    // The SQL names tables unqualified; the search path puts them in `schema`.
    extra: { options: `-c search_path=${schema}` },
  });
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.runMigrations({ transaction: 'all' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
