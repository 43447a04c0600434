import { Client } from 'pg';
import { testEndpoints } from './endpoints';
import { uniqueName } from './unique-name';

export interface TestSchema {
  /** A Postgres schema only this test file uses. */
  readonly schema: string;
  readonly databaseUrl: string;
  /** Drops the schema and everything in it; touches nothing else. */
  drop(): Promise<void>;
}

/** Creates a fresh Postgres schema in the test database. */
export async function createTestSchema(prefix = 'test'): Promise<TestSchema> {
  const { databaseUrl } = testEndpoints();
  const schema = uniqueName(prefix).replace(/-/g, '_');
  await withClient(databaseUrl, (client) => client.query(`CREATE SCHEMA "${schema}"`));
  return {
    schema,
    databaseUrl,
    drop: async () => {
      await withClient(databaseUrl, (client) =>
        client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`),
      );
    },
  };
}

async function withClient<T>(
  databaseUrl: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
