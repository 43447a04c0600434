import { escapeLiteral } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import type { JsonValue } from '../json-value';
import type { RawRow } from './rows';

export interface SqlResult {
  readonly rows: readonly RawRow[];
  /** Rows inserted, updated or deleted. */
  readonly affected: number;
}

/** Runs one parameterised statement on a query runner and returns its rows and count. */
export async function run(
  runner: QueryRunner,
  sql: string,
  parameters: readonly unknown[],
): Promise<SqlResult> {
  const result = await runner.query(sql, [...parameters], true);
  const rows: readonly RawRow[] = result.records;
  return { rows, affected: result.affected ?? rows.length };
}

/** Runs work on one pooled connection, outside any transaction (each statement commits). */
export async function withRunner<T>(
  dataSource: DataSource,
  work: (runner: QueryRunner) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    return await work(runner);
  } finally {
    await runner.release();
  }
}

/**
 * Runs work in one transaction on one pooled connection: committed if it returns, rolled
 * back if it throws. Its first statement, `opening`, travels with START TRANSACTION: one
 * round trip instead of two. Several statements in one query take the simple protocol, which has no
 * parameters: `opening`'s values must be written as literals (textArrayLiteral).
 */
export async function withTransactionOpenedBy<T>(
  dataSource: DataSource,
  opening: string,
  work: (runner: QueryRunner) => Promise<T>,
): Promise<T> {
  return withRunner(dataSource, async (runner) => {
    try {
      await runner.query(`START TRANSACTION; ${opening}`);
      const result = await work(runner);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      // The pooled connection must not go back with a transaction open; when even the
      // rollback fails the connection is broken, and the first error is the one to report.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/** A text[] literal for the simple protocol, each element quoted by node-postgres. */
export function textArrayLiteral(values: readonly string[]): string {
  return `ARRAY[${values.map((value) => escapeLiteral(value)).join(', ')}]::text[]`;
}

/**
 * node-postgres sends JS arrays as Postgres arrays and strings unquoted, so JSON goes
 * over the wire as text and is cast with `::jsonb` in the statement.
 */
export function jsonParameter(value: JsonValue): string {
  return JSON.stringify(value);
}

export function timestampParameter(epochMs: number): Date {
  return new Date(epochMs);
}
