import type { DataSource } from 'typeorm';
import {
  appliedVersionTable,
  qualifiedName,
  recordClaimTable,
  schemaOf,
  writeRecordTable,
} from '../sql-names';

/** Qualified table names, resolved the same way the migration resolves them. */
export interface Tables {
  readonly writeRecord: string;
  readonly appliedVersion: string;
  readonly recordClaim: string;
}

export function tablesOf(dataSource: DataSource): Tables {
  const schema = schemaOf(dataSource.options);
  return {
    writeRecord: qualifiedName(schema, writeRecordTable),
    appliedVersion: qualifiedName(schema, appliedVersionTable),
    recordClaim: qualifiedName(schema, recordClaimTable),
  };
}
