/**
 * The runtime's Postgres: the idempotency store and the runtime's own tables, each with
 * its migrations table. Schema changes come from migrations, never synchronize.
 */
import { idempotencyDataSourceOptions } from '@hub/idempotency';
import { DataSource } from 'typeorm';
import { connectorRuntimeMigrations } from './migrations';
import { connectorRuntimeMigrationsTable } from './sql-names';

export interface ConnectorDatabase {
  readonly url: string;
  /** Schema of the runtime's tables; default the setting CONNECTOR_DATABASE_SCHEMA. */
  readonly schema?: string;
  /** Schema of the idempotency store; default the setting, then `schema`. */
  readonly idempotencySchema?: string;
  /** Connections per pool; at least the consumer concurrency of both write flows. */
  readonly poolSize?: number;
  /** Run pending migrations at start (default); false: refuse to start while any are pending. */
  readonly migrate?: boolean;
  /** The app the refusal names (`migrate <app>`); default the system id. */
  readonly app?: string;
}

export function connectorDataSource(url: string, schema: string, poolSize: number): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema,
    poolSize,
    migrations: connectorRuntimeMigrations,
    migrationsTableName: connectorRuntimeMigrationsTable,
    synchronize: false,
    migrationsRun: false,
  });
}

export function idempotencyDataSource(url: string, schema: string, poolSize: number): DataSource {
  return new DataSource(idempotencyDataSourceOptions({ url, schema, poolSize }));
}
