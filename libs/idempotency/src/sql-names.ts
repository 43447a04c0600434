import type { DataSourceOptions } from 'typeorm';

/** Table names, shared by the entities, the migrations and the store's SQL. */
export const writeRecordTable = 'write_record';
export const appliedVersionTable = 'applied_version';
export const recordClaimTable = 'record_claim';
/** An expression index TypeORM cannot describe: declared unsynchronized on the entity, made by its migration. */
export const targetReferenceIndex = 'write_record_target_reference_idx';

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * `"schema"."table"`, or just `"table"` without a schema. TypeORM does not set the
 * session's search_path from the DataSource `schema` option, so every statement the
 * migrations and the store run names its schema explicitly.
 */
export function qualifiedName(schema: string | undefined, table: string): string {
  return schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(table)}` : quoteIdentifier(table);
}

/** The schema a DataSource puts its tables (and its migrations table) in. */
export function schemaOf(options: DataSourceOptions): string | undefined {
  return options.type === 'postgres' ? options.schema : undefined;
}

/** `"schema"."table"` for a DataSource's options: the one way the hub's stores name a table. */
export function qualifiedTable(options: DataSourceOptions, table: string): string {
  return qualifiedName(schemaOf(options), table);
}
