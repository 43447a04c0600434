/**
 * `migrate [<app>…]`: each named app's Postgres migrations (no name: every app), with the
 * app's own configuration loaded from the environment the app itself gets, so the schema
 * migrated is the one the app uses. Connectors go through the kit's `ConnectorApp.migrate()`
 * (runtime tables, idempotency store, the connector's own tables). The targets come from the
 * entry generated at bundle time (migrate-entry.ts), which imports each app's own code.
 */
import type { EnvSource } from '@hub/config';

export type MigrateTargets = Readonly<Record<string, (env: EnvSource) => Promise<void>>>;

/**
 * One process migrating several apps reads, for each, `<APP>__<VARIABLE>` before
 * `<VARIABLE>` (APP upper-cased, `-` as `_`): so compose's one-shot service gives
 * connector-odoo and connector-http each its own CONNECTOR_DATABASE_SCHEMA.
 */
export function envFor(app: string, env: EnvSource): EnvSource {
  const prefix = `${app.toUpperCase().replace(/-/g, '_')}__`;
  const own = Object.entries(env)
    .filter(([name]) => name.startsWith(prefix))
    .map(([name, value]) => [name.slice(prefix.length), value] as const);
  return { ...env, ...Object.fromEntries(own) };
}

export async function runMigrate(
  targets: MigrateTargets,
  apps: readonly string[],
  env: EnvSource,
  log: (line: string) => void,
): Promise<void> {
  const unknown = apps.filter((app) => targets[app] === undefined);
  if (unknown.length > 0)
    throw new Error(
      `migrate: unknown app ${unknown.join(', ')}; one of ${Object.keys(targets).join(', ')}`,
    );
  for (const app of apps.length > 0 ? apps : Object.keys(targets)) {
    const started = Date.now();
    const migrate = targets[app];
    if (migrate === undefined) continue;
    await migrate(envFor(app, env));
    log(`migrate: ${app} up to date (${Date.now() - started} ms)`);
  }
}

/** The generated entry's main: exit 1 with the message on failure. */
export function migrateMain(targets: MigrateTargets): void {
  runMigrate(targets, process.argv.slice(2), process.env, (line) => {
    process.stdout.write(`${line}\n`);
  }).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
