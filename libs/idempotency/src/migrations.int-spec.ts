import { DataSource } from 'typeorm';
import { idempotencyDataSourceOptions, idempotencyMigrationsTable } from './data-source-options';
import { migratedSchema, type MigratedSchema } from './testing/migrated-schema';
import { idempotencyMigrations } from './migrations';

describe('migrations in a schema of their own', () => {
  let db: MigratedSchema;

  beforeAll(async () => {
    db = await migratedSchema('idem-migrations');
  });

  afterAll(() => db.close());

  async function tablesIn(schema: string): Promise<string[]> {
    const rows = await db.dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    return rows.map((row) => row.table_name);
  }

  it('creates the tables and the migrations table in the configured schema', async () => {
    expect(await tablesIn(db.schema.schema)).toEqual([
      'applied_version',
      idempotencyMigrationsTable,
      'record_claim',
      'write_record',
    ]);
  });

  it('records the migration as run, so running again does nothing', async () => {
    const again = await db.dataSource.runMigrations();
    const recorded = await db.dataSource.query<{ name: string }[]>(
      `SELECT name FROM "${db.schema.schema}"."${idempotencyMigrationsTable}"`,
    );

    expect(again).toEqual([]);
    expect(recorded.map((row) => row.name)).toEqual([
      'CreateIdempotencyTables1764201600000',
      'AddArrivalOrderAndRecordClaims1767398400000',
      'AddTargetReferenceIndex1796342400000',
    ]);
  });

  it('agrees with the entities: TypeORM would change nothing', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('reverts cleanly and re-applies', async () => {
    const other = await migratedSchema('idem-migrations-revert');
    try {
      for (const _migration of idempotencyMigrations) await other.dataSource.undoLastMigration();
      const afterUndo = await other.dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('write_record', 'applied_version')`,
        [other.schema.schema],
      );
      await other.dataSource.runMigrations();

      expect(afterUndo).toEqual([{ n: '0' }]);
      expect(await other.dataSource.showMigrations()).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('needs the schema to exist: migrating into a missing schema fails loudly', async () => {
    const missing = new DataSource(
      idempotencyDataSourceOptions({
        url: db.schema.databaseUrl,
        schema: `${db.schema.schema}_missing`,
      }),
    );
    await missing.initialize();
    try {
      await expect(missing.runMigrations()).rejects.toThrow(/schema .* does not exist/);
    } finally {
      await missing.destroy();
    }
  });
});
