/** The connector's own Postgres table (business event marks); migrations run at start-up, never synchronize. */
import { DataSource } from 'typeorm';
import { CreateBusinessEventMarks1764771600000 } from './migrations/1764771600000-create-business-event-marks';

export const CONNECTOR_FO_MIGRATIONS_TABLE = 'connector_dynamics_finance_migrations';

export function createEventMarksDataSource(url: string, schema: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema,
    migrations: [CreateBusinessEventMarks1764771600000],
    migrationsTableName: CONNECTOR_FO_MIGRATIONS_TABLE,
    synchronize: false,
    migrationsRun: false,
    poolSize: 3,
    // The migrations' SQL names tables unqualified; the search path puts them in `schema`.
    extra: { options: `-c search_path=${schema}` },
  });
}
