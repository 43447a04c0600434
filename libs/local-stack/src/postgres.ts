/**
 * PostgreSQL is not started by the stack (a server is part of the machine, like Java);
 * the stack only checks that DATABASE_URL answers and creates the databases it needs.
 */
import { Client } from 'pg';
import { StackError, errorMessage } from './errors';
import type { ComponentStatus } from './types';

const COMPONENT = 'postgres';
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
]);

/** The URL without its password, for messages. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

export function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!name)
    throw new StackError(COMPONENT, `DATABASE_URL names no database: ${redactUrl(databaseUrl)}`);
  return name;
}

function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

function hostPort(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname || '127.0.0.1'}:${url.port || '5432'}`;
}

function unreachable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === 'string' && UNREACHABLE.has(code)) || /timeout/i.test(errorMessage(error))
  );
}

function failure(databaseUrl: string, error: unknown): StackError {
  if (unreachable(error)) {
    return new StackError(
      COMPONENT,
      `no PostgreSQL server answers at ${hostPort(databaseUrl)} (${errorMessage(error)}). The stack does not ` +
        'start one. Install and start one (Debian/Ubuntu: apt-get install postgresql, then ' +
        'pg_ctlcluster <version> main start) or point DATABASE_URL at a server, e.g. ' +
        'postgres://postgres@127.0.0.1:5432/hub.',
    );
  }
  return new StackError(COMPONENT, `${redactUrl(databaseUrl)}: ${errorMessage(error)}`);
}

async function withClient<T>(
  connectionString: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString, connectionTimeoutMillis: 3000 });
  // Without a listener a dropped connection would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates `database` (default: the one DATABASE_URL names) when missing, connecting to
 * the `postgres` maintenance database of the same server. Returns true when created.
 */
export async function ensureDatabase(
  databaseUrl: string,
  database: string = databaseName(databaseUrl),
): Promise<boolean> {
  try {
    return await withClient(withDatabase(databaseUrl, 'postgres'), async (client) => {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount) return false;
      const quoted = `"${database.replace(/"/g, '""')}"`;
      try {
        await client.query(`CREATE DATABASE ${quoted}`);
      } catch (error: unknown) {
        // 42P04: a concurrent `up` created it first.
        if ((error as { code?: unknown }).code !== '42P04') throw error;
      }
      return true;
    });
  } catch (error: unknown) {
    throw error instanceof StackError ? error : failure(databaseUrl, error);
  }
}

export async function postgresStatus(databaseUrl: string): Promise<ComponentStatus> {
  const base = { name: COMPONENT, address: redactUrl(databaseUrl) };
  try {
    await withClient(databaseUrl, (client) => client.query('SELECT 1'));
    return { ...base, state: 'running' };
  } catch (error: unknown) {
    return {
      ...base,
      state: unreachable(error) ? 'stopped' : 'unhealthy',
      detail: errorMessage(error),
    };
  }
}

/** JDBC settings for another database on the same server, as Java clients want them. */
export function jdbcSettings(
  databaseUrl: string,
  database: string,
): { url: string; user: string; password: string } {
  const url = new URL(databaseUrl);
  const params = url.searchParams.toString();
  return {
    url: `jdbc:postgresql://${hostPort(databaseUrl)}/${database}${params ? `?${params}` : ''}`,
    user: decodeURIComponent(url.username) || 'postgres',
    password: decodeURIComponent(url.password),
  };
}
