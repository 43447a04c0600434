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

/**
 * A statement built from the table names once per Tables and then reused: the same string
 * each call, so nothing is concatenated per call and its prepared name (sql.ts) is found
 * without hashing the text again (V8 keeps a string's hash on the string).
 */
export function oncePerTables(build: (tables: Tables) => string): (tables: Tables) => string {
  const texts = new WeakMap<Tables, string>();
  return (tables) => {
    let text = texts.get(tables);
    if (text === undefined) {
      text = build(tables);
      texts.set(tables, text);
    }
    return text;
  };
}
