import { createTestSchema, type TestSchema } from '@hub/testing';
import { DataSource } from 'typeorm';
import { idempotencyDataSourceOptions } from '../data-source-options';

/**
 * A fresh Postgres schema with the store's migrations applied (never synchronize), and
 * as many extra DataSources on it as a test needs, e.g. one per racing worker.
 */
export interface MigratedSchema {
  readonly schema: TestSchema;
  /** The DataSource that ran the migrations. */
  readonly dataSource: DataSource;
  /** Another DataSource (its own connection pool) on the same schema. */
  connect(): Promise<DataSource>;
  /** Destroys every DataSource and drops the schema. */
  close(): Promise<void>;
}

export async function migratedSchema(prefix: string): Promise<MigratedSchema> {
  const schema = await createTestSchema(prefix);
  const opened: DataSource[] = [];
  const connect = async (): Promise<DataSource> => {
    const dataSource = new DataSource(
      idempotencyDataSourceOptions({ url: schema.databaseUrl, schema: schema.schema }),
    );
    opened.push(dataSource);
    return dataSource.initialize();
  };
  const dataSource = await connect();
  await dataSource.runMigrations();
  return {
    schema,
    dataSource,
    connect,
    close: async () => {
      await Promise.all(opened.map((source) => source.destroy()));
      await schema.drop();
    },
  };
}
