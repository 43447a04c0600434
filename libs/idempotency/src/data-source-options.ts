import type { DataSourceOptions } from 'typeorm';
import { idempotencyEntities } from './entities';
import { idempotencyMigrations } from './migrations';

export interface IdempotencyDataSourceSettings {
  /** postgres://… (from @hub/config's database settings in an app). */
  readonly url: string;
  /** An existing Postgres schema for the tables and the migrations table; `public` when omitted. */
  readonly schema?: string;
  /** Connections in the pool (node-postgres default 10); at least the worker concurrency. */
  readonly poolSize?: number;
}

export type IdempotencyDataSourceOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

/** The migrations table of a DataSource made by idempotencyDataSourceOptions(). */
export const idempotencyMigrationsTable = 'idempotency_migrations';

/**
 * Options for a DataSource that holds only this store. Schema changes come from the
 * migrations (`dataSource.runMigrations()`, run as a deployment Job); never synchronize.
 */
export function idempotencyDataSourceOptions({
  url,
  schema,
  poolSize,
}: IdempotencyDataSourceSettings): IdempotencyDataSourceOptions {
  return {
    type: 'postgres',
    url,
    ...(schema === undefined ? {} : { schema }),
    ...(poolSize === undefined ? {} : { poolSize }),
    entities: idempotencyEntities,
    migrations: idempotencyMigrations,
    migrationsTableName: idempotencyMigrationsTable,
    synchronize: false,
    migrationsRun: false,
  };
}
