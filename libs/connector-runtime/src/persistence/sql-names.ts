import type { DataSourceOptions } from 'typeorm';

export const sweepWatermarkTable = 'connector_sweep_watermark';
export const rateLimitTable = 'connector_rate_limit';
export const jobLeaseTable = 'connector_job_lease';
export const connectorRuntimeMigrationsTable = 'connector_runtime_migrations';

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * `"schema"."table"`: TypeORM puts tables in the DataSource's schema but does not set the
 * session's search_path, so every statement names its schema.
 */
export function qualifiedTable(options: DataSourceOptions, table: string): string {
  const schema = options.type === 'postgres' ? options.schema : undefined;
  return schema === undefined ? quote(table) : `${quote(schema)}.${quote(table)}`;
}
