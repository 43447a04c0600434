import { idempotencyDataSourceOptions, idempotencyMigrationsTable } from './data-source-options';
import { idempotencyEntities } from './entities';
import { idempotencyMigrations } from './migrations';

describe('idempotencyDataSourceOptions', () => {
  it('wires entities, migrations and a schema, and never synchronizes', () => {
    expect(idempotencyDataSourceOptions({ url: 'postgres://h/db', schema: 'hub' })).toEqual({
      type: 'postgres',
      url: 'postgres://h/db',
      schema: 'hub',
      entities: idempotencyEntities,
      migrations: idempotencyMigrations,
      migrationsTableName: idempotencyMigrationsTable,
      synchronize: false,
      migrationsRun: false,
    });
  });

  it('leaves the schema and pool size to their defaults when none is given', () => {
    const options = idempotencyDataSourceOptions({ url: 'postgres://h/db' });

    expect(options).not.toHaveProperty('schema');
    expect(options).not.toHaveProperty('poolSize');
  });

  it('passes a pool size through', () => {
    expect(idempotencyDataSourceOptions({ url: 'postgres://h/db', poolSize: 16 }).poolSize).toBe(
      16,
    );
  });
});
