/**
 * DATABASE_MIGRATE_AT_START for the scheduler: on, its tables are migrated when the store
 * opens; off, the start is refused while a migration is pending, naming the `migrate` command.
 */
import { migrateOrRefuse } from '@hub/service-main';
import { DataSource } from 'typeorm';
import {
  openSchedulerDataSource,
  RETRY_MIGRATIONS_TABLE,
  schedulerMigrations,
} from '../store/scheduler-data-source';
import type { RetrySchedulerConfig } from './retry-scheduler.config';

/** The `migrate` command for the scheduler: its tables migrated, the connection closed. */
export async function migrateRetryScheduler(config: RetrySchedulerConfig): Promise<void> {
  const dataSource = await openSchedulerDataSource(config.database.url, config.databaseSchema);
  await dataSource.destroy();
}

/** Throws, naming the command, while the scheduler's schema misses a migration. */
export async function refuseUnmigrated(config: RetrySchedulerConfig): Promise<void> {
  const schema = config.databaseSchema;
  const probe = new DataSource({
    type: 'postgres',
    url: config.database.url,
    schema,
    migrations: schedulerMigrations,
    migrationsTableName: RETRY_MIGRATIONS_TABLE,
    poolSize: 1,
  });
  await probe.initialize();
  try {
    await migrateOrRefuse(probe, false, 'retry-scheduler');
  } finally {
    await probe.destroy();
  }
}
