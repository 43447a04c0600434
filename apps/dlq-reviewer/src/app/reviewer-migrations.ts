/**
 * DATABASE_MIGRATE_AT_START for the reviewer: on, its tables are migrated when the store
 * opens; off, the start is refused while a migration is pending, naming the `migrate` command.
 */
import { migrateOrRefuse } from '@hub/service-main';
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
    await migrateOrRefuse(probe, false, 'dlq-reviewer');
  } finally {
    await probe.destroy();
  }
}
