/** A fresh Postgres schema with the reconciliation tables migrated, for the int specs. */
import { createTestSchema, type TestSchema } from '@hub/testing';
import { DataSource } from 'typeorm';
import { reconciliationDataSourceOptions } from '../store/data-source-options';

export interface ReconciliationSchema {
  readonly schema: TestSchema;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

export async function reconciliationSchema(prefix: string): Promise<ReconciliationSchema> {
  const schema = await createTestSchema(prefix);
  const dataSource = await new DataSource(
    reconciliationDataSourceOptions({ url: schema.databaseUrl, schema: schema.schema }),
  ).initialize();
  await dataSource.runMigrations();
  return {
    schema,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await schema.drop();
    },
  };
}
