/**
 * Start-up migrations on or off (DATABASE_MIGRATE_AT_START): on, an initialized data source
 * runs its pending migrations; off, it only reads which are pending and refuses the start
 * while any are, naming the command that runs them (`migrate`, once per release).
 */
import type { DataSource } from 'typeorm';

export { migrateOrRefuse, notMigratedMessage } from '@hub/service-main';
import { connectorDataSource, idempotencyDataSource } from './connector-data-sources';

/** Initializes, migrates and closes each data source in turn (the `migrate` command). */
export async function runMigrationsOnce(dataSources: readonly DataSource[]): Promise<void> {
  for (const dataSource of dataSources) {
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await dataSource.destroy();
    }
  }
}

/** The runtime's tables and the idempotency store of one connector, as the runtime opens them. */
export function connectorRuntimeDataSources(
  url: string,
  schema: string,
  idempotencySchema: string | undefined,
): DataSource[] {
  return [
    connectorDataSource(url, schema, 1),
    idempotencyDataSource(url, idempotencySchema ?? schema, 1),
  ];
}
