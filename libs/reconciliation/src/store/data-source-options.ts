import type { DataSourceOptions } from 'typeorm';
import { CreateDriftTables1780000000000 } from './migrations/1780000000000-create-drift-tables';
import { CreateOwnerLedger1780000100000 } from './migrations/1780000100000-create-owner-ledger';

export const reconciliationMigrations = [
  CreateDriftTables1780000000000,
  CreateOwnerLedger1780000100000,
];
export const reconciliationMigrationsTable = 'reconciliation_migrations';

export interface ReconciliationDataSourceSettings {
  readonly url: string;
  /** An existing Postgres schema for the tables and the migrations table; `public` when omitted. */
  readonly schema?: string;
}

/** A DataSource holding only the drift tables; schema changes come from the migrations alone. */
export function reconciliationDataSourceOptions({
  url,
  schema,
}: ReconciliationDataSourceSettings): Extract<DataSourceOptions, { type: 'postgres' }> {
  return {
    type: 'postgres',
    url,
    ...(schema === undefined ? {} : { schema }),
    migrations: reconciliationMigrations,
    migrationsTableName: reconciliationMigrationsTable,
    synchronize: false,
    migrationsRun: false,
  };
}
