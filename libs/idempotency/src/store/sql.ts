import { createHash } from 'node:crypto';
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

const preparedNames = new Map<string, string>();

/** One name per statement text: Postgres keeps a prepared statement per connection and name. */
function preparedName(sql: string): string {
  let name = preparedNames.get(sql);
  if (name === undefined) {
    name = `hub_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    preparedNames.set(sql, name);
  }
  return name;
}

interface PgClient {
  query(sql: string): Promise<unknown>;
  query(config: {
    name: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: RawRow[]; rowCount: number | null }>;
}

/** What each node-postgres client (a session) was given: the statements PREPAREd on it, by name. */
const sessions = new WeakMap<object, Set<string>>();

/**
 * Sent once on each connection before its first prepared statement: Postgres is to plan every
 * run for its own values. Left to choose, Postgres may settle on a generic plan while a table
 * is small (a sequential scan), and keep it as the table grows until it is next analysed: in
 * the store's benchmark, on tables created empty, the executor's time then doubled (README,
 * "Prepared statements"). Statements that are not prepared are planned for their values anyway.
 */
const planEachRun = 'SET plan_cache_mode = force_custom_plan';

/** The runner's connection, and the statements PREPAREd on it (undefined: not set up yet). */
async function sessionOf(
  runner: QueryRunner,
): Promise<{ client: PgClient; prepared: Set<string> | undefined }> {
  const client = (await runner.connect()) as PgClient;
  return { client, prepared: sessions.get(client) };
}

/**
 * As run(), as a named prepared statement: each pooled connection has Postgres parse and
 * analyse the statement once (README, "Prepared statements"). The text must not vary per
 * call: its values go in `parameters`. One more round trip the first time on a connection
 * that no prepared statement of this store used yet (planEachRun).
 */
export async function runPrepared(
  runner: QueryRunner,
  sql: string,
  parameters: readonly unknown[],
): Promise<SqlResult> {
  const { client, prepared } = await sessionOf(runner);
  if (prepared === undefined) {
    await client.query(planEachRun);
    sessions.set(client, new Set());
  }
  const result = await client.query({
    name: preparedName(sql),
    text: sql,
    values: [...parameters],
  });
  return { rows: result.rows, affected: result.rowCount ?? result.rows.length };
}

/**
 * PREPAREs `sql` (written with typed parameters $1…) on the runner's connection unless it was
 * prepared there before, and returns its name, for an `EXECUTE name(…)` that travels in a
 * multi-statement query (runStatements), where a protocol-level prepared statement cannot.
 * One round trip the first time on each connection (with planEachRun if the connection needs
 * it). One found to exist already (SQLSTATE 42P05: prepared by a call whose answer was lost)
 * counts as prepared; the SET that went with it was rolled back, so it is sent again alone.
 */
export async function prepareOnce(
  runner: QueryRunner,
  sql: string,
  types: string,
): Promise<string> {
  const { client, prepared } = await sessionOf(runner);
  const name = preparedName(sql);
  if (prepared?.has(name) === true) return name;
  const prepare = `PREPARE ${name}(${types}) AS ${sql}`;
  try {
    await client.query(prepared === undefined ? `${planEachRun};\n${prepare}` : prepare);
  } catch (error) {
    if ((error as { code?: unknown }).code !== '42P05') throw error;
    if (prepared === undefined) await client.query(planEachRun);
  }
  const now = prepared ?? new Set<string>();
  now.add(name);
  sessions.set(client, now);
  return name;
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
 * Sends several statements in one query, one round trip (Postgres's simple protocol, so no
 * parameters: every value must be written as a literal, see the *Literal helpers), and
 * returns each statement's rows in order. Postgres runs them one after the other and stops
 * at the first that fails; in READ COMMITTED each statement reads from its own snapshot,
 * taken when it starts, so a read placed after a lock sees what the lock's last holder
 * committed. TypeORM's query() keeps no rows of a multi-statement query: this goes to the
 * runner's node-postgres client.
 */
export async function runStatements(
  runner: QueryRunner,
  statements: readonly string[],
): Promise<(readonly RawRow[])[]> {
  const client = (await runner.connect()) as {
    query(sql: string): Promise<{ rows: RawRow[] } | { rows: RawRow[] }[]>;
  };
  const results = await client.query(statements.join(';\n'));
  return (Array.isArray(results) ? results : [results]).map((result) => result.rows);
}

/** A text literal for the simple protocol, quoted by node-postgres. */
export function textLiteral(value: string): string {
  return escapeLiteral(value);
}

/** A text[] literal for the simple protocol, each element quoted by node-postgres. */
export function textArrayLiteral(values: readonly string[]): string {
  return `ARRAY[${values.map((value) => escapeLiteral(value)).join(', ')}]::text[]`;
}

/** A bigint[] literal for the simple protocol; anything but a safe integer is refused. */
export function bigintArrayLiteral(values: readonly number[]): string {
  for (const value of values)
    if (!Number.isSafeInteger(value)) throw new Error(`not a whole number for bigint: ${value}`);
  return `ARRAY[${values.join(', ')}]::bigint[]`;
}

/** A timestamptz literal (UTC, millisecond precision, as node-postgres sends a Date). */
export function timestampLiteral(epochMs: number): string {
  return `${escapeLiteral(new Date(epochMs).toISOString())}::timestamptz`;
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
