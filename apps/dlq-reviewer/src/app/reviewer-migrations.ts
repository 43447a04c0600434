/**
 * DATABASE_MIGRATE_AT_START for the reviewer: on, its tables are migrated when the store
 * opens; off, the start is refused while a migration is pending, naming the `migrate` command.
 */
import { MigrationExecutor } from 'typeorm';
import { createReviewerDataSource, openReviewerDatabase } from '../store/reviewer-data-source';
import type { DlqReviewerConfig } from './dlq-reviewer.config';

/** The `migrate` command for the reviewer: its tables migrated, the connection closed. */
export async function migrateDlqReviewer(config: DlqReviewerConfig): Promise<void> {
  const dataSource = await openReviewerDatabase(config.database.url, config.databaseSchema);
  await dataSource.destroy();
}

/** Throws, naming the command, while the reviewer's schema misses a migration. */
export async function refuseUnmigrated(config: DlqReviewerConfig): Promise<void> {
  const probe = createReviewerDataSource(config.database.url, config.databaseSchema);
  await probe.initialize();
  try {
    const pending = await new MigrationExecutor(probe).getPendingMigrations();
    if (pending.length > 0)
      throw new Error(
        `dlq-reviewer: its Postgres tables in schema "${config.databaseSchema}" are missing or behind (pending migrations: ${pending.map((m) => m.name).join(', ')}) and DATABASE_MIGRATE_AT_START is false: run the migrations first with \`npm run migrate -- dlq-reviewer\` (\`node migrate.js dlq-reviewer\` in the deploy-tools image; the hub-migrate Job on Kubernetes)`,
      );
  } finally {
    await probe.destroy();
  }
}
