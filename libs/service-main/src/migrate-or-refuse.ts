/**
 * Start-up migrations on or off (DATABASE_MIGRATE_AT_START), the same for every app: on, an
 * initialized data source runs its pending migrations; off, it only reads which are pending
 * and refuses the start while any are, naming the command that runs them (`migrate`, once
 * per release).
 */
import { MigrationExecutor, type DataSource } from 'typeorm';

/** The refusal when migrations are off and `pending` are not applied yet. */
export function notMigratedMessage(
  app: string,
  schema: string,
  pending: readonly string[],
): string {
  return (
    `${app}: its Postgres tables in schema "${schema}" are missing or behind (pending migrations: ${pending.join(', ')}) ` +
    `and DATABASE_MIGRATE_AT_START is false: run the migrations first with \`npm run migrate -- ${app}\` ` +
    `(\`node migrate.js ${app}\` in the deploy-tools image; the hub-migrate Job on Kubernetes)`
  );
}

/** `migrate`: run what is pending; otherwise throw while anything is (the data source is initialized). */
export async function migrateOrRefuse(
  dataSource: DataSource,
  migrate: boolean,
  app: string,
): Promise<void> {
  if (migrate) {
    await dataSource.runMigrations({ transaction: 'all' });
    return;
  }
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  if (pending.length === 0) return;
  const { schema } = dataSource.options as { readonly schema?: string };
  throw new Error(
    notMigratedMessage(
      app,
      schema ?? 'public',
      pending.map((migration) => migration.name),
    ),
  );
}
