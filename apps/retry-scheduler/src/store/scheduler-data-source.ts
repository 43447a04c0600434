/**
 * The scheduler's own Postgres tables, in their own schema. Schema changes come from
 * migrations, run at start-up; never synchronize.
 */
import { DataSource } from 'typeorm';
import { CreateRetrySchedule1764240000000 } from './migrations/1764240000000-create-retry-schedule';
import { OperatorRetries1764900000000 } from './migrations/1764900000000-operator-retries';

export const RETRY_MIGRATIONS_TABLE = 'retry_scheduler_migrations';

export async function openSchedulerDataSource(url: string, schema: string): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema,
    migrations: [CreateRetrySchedule1764240000000, OperatorRetries1764900000000],
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
