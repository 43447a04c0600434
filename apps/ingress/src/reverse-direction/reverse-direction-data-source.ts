/**
 * The ingress's own Postgres tables (only the reverse-direction audit). Schema changes
 * come from migrations, run at start-up; never synchronize.
 */
import { DataSource } from 'typeorm';
import { CreateReverseDirectionWrites1764216000000 } from './migrations/1764216000000-create-reverse-direction-writes';

export const INGRESS_MIGRATIONS_TABLE = 'ingress_migrations';

export function createIngressDataSource(url: string, schema: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema,
    migrations: [CreateReverseDirectionWrites1764216000000],
    migrationsTableName: INGRESS_MIGRATIONS_TABLE,
    synchronize: false,
    migrationsRun: false,
    poolSize: 5,
    // The migrations' SQL names tables unqualified; the search path puts them in `schema`.
    extra: { options: `-c search_path=${schema}` },
  });
}
