/**
 * The reviewer's own Postgres tables. Schema changes come from migrations, run at
 * start-up; never synchronize. The schema is created when missing so a fresh install starts.
 */
import { DataSource } from 'typeorm';
import { CreateDeadLetterItems1764230400000 } from './migrations/1764230400000-create-dead-letter-items';
import { IngestedDeadLetters1764400000000 } from './migrations/1764400000000-ingested-dead-letters';
import { ConsoleSessions1764900000000 } from './migrations/1764900000000-console-sessions';
import { AuditIntegrity1767744000000 } from './migrations/1767744000000-audit-integrity';
import { OpenItemsByCode1767830400000 } from './migrations/1767830400000-open-items-by-code';
import { RedeliveryOutbox1768089600000 } from './migrations/1768089600000-redelivery-outbox';
import { CreateChangeRequests1768200000000 } from '../change-requests/migrations/1768200000000-create-change-requests';

export const REVIEWER_MIGRATIONS_TABLE = 'dlq_reviewer_migrations';

export function createReviewerDataSource(url: string, schema: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema,
    migrations: [
      CreateDeadLetterItems1764230400000,
      IngestedDeadLetters1764400000000,
      ConsoleSessions1764900000000,
      AuditIntegrity1767744000000,
      OpenItemsByCode1767830400000,
      RedeliveryOutbox1768089600000,
      CreateChangeRequests1768200000000,
    ],
    migrationsTableName: REVIEWER_MIGRATIONS_TABLE,
    synchronize: false,
    migrationsRun: false,
    poolSize: 5,
    // The migrations' SQL names tables unqualified; the search path puts them in `schema`.
    extra: { options: `-c search_path=${schema}` },
  });
}

/** Connects, creates the schema if needed (the name is a checked identifier), migrates. */
export async function openReviewerDatabase(url: string, schema: string): Promise<DataSource> {
  const dataSource = createReviewerDataSource(url, schema);
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
