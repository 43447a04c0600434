/** Postgres schemas of one hub run (some apps need theirs to exist before they start). */
import { Client } from 'pg';

async function withClient(
  databaseUrl: string,
  work: (client: Client) => Promise<void>,
): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

const quoted = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe schema name ${name}`);
  return `"${name}"`;
};

export async function createSchemas(
  databaseUrl: string,
  schemas: readonly string[],
): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    for (const schema of schemas)
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted(schema)}`);
  });
}

export async function dropSchemas(databaseUrl: string, schemas: readonly string[]): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    for (const schema of schemas)
      await client.query(`DROP SCHEMA IF EXISTS ${quoted(schema)} CASCADE`);
  });
}

/** Rows of one query, for checks the apps expose only in their tables. */
export async function queryRows<T>(
  databaseUrl: string,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  let rows: T[] = [];
  await withClient(databaseUrl, async (client) => {
    rows = (await client.query(sql, [...params])).rows as T[];
  });
  return rows;
}
