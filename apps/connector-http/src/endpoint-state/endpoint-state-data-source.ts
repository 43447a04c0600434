/**
 * The connector's own Postgres tables (endpoint state). Schema changes come from
 * migrations, run at start-up; never synchronize.
 */
import { DataSource } from 'typeorm';
import { CreateEndpointState1764221400000 } from './migrations/1764221400000-create-endpoint-state';

export const CONNECTOR_HTTP_MIGRATIONS_TABLE = 'connector_http_migrations';

export function createConnectorHttpDataSource(url: string, schema: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema,
    migrations: [CreateEndpointState1764221400000],
    migrationsTableName: CONNECTOR_HTTP_MIGRATIONS_TABLE,
    synchronize: false,
    migrationsRun: false,
    poolSize: 5,
    // The migrations' SQL names tables unqualified; the search path puts them in `schema`.
    extra: { options: `-c search_path=${schema}` },
  });
}
