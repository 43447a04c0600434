import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { APPS } from './bundle';
import { MIGRATE_TARGETS, migrateEntrySource } from './migrate-entry';
import { envFor, runMigrate } from './migrate-run';

const root = resolve(__dirname, '../../..');

describe('the migrate entry', () => {
  it('has one target per app that keeps Postgres tables (every app but the simulator)', () => {
    expect(MIGRATE_TARGETS.map((target) => target.app).sort()).toEqual(
      APPS.filter((app) => app !== 'erp-simulator').sort(),
    );
  });

  it.each(MIGRATE_TARGETS.flatMap((target) => target.imports.map((item) => [target.app, ...item])))(
    '%s: %s is exported by src/app/%s.ts (rename it here when the app renames it)',
    (app, name, file) => {
      const source = readFileSync(join(root, 'apps', app, 'src/app', `${file}.ts`), 'utf8');
      expect(source).toMatch(new RegExp(`export (async )?(function|const) ${name}\\b`));
      expect(migrateEntrySource(root)).toContain(`import { ${name} } from`);
    },
  );

  it('gives an app its own value of a variable others share (<APP>__<VARIABLE>)', () => {
    const env = {
      CONNECTOR_DATABASE_SCHEMA: 'shared',
      CONNECTOR_ODOO__CONNECTOR_DATABASE_SCHEMA: 'connector_odoo',
    };
    expect(envFor('connector-odoo', env)['CONNECTOR_DATABASE_SCHEMA']).toBe('connector_odoo');
    expect(envFor('connector-http', env)['CONNECTOR_DATABASE_SCHEMA']).toBe('shared');
  });

  it('refuses an unknown app before migrating anything', async () => {
    const ran: string[] = [];
    const targets = { a: () => Promise.resolve(void ran.push('a')) };
    await expect(runMigrate(targets, ['a', 'nope'], {}, () => undefined)).rejects.toThrow(
      'migrate: unknown app nope; one of a',
    );
    expect(ran).toEqual([]);
    await runMigrate(targets, [], {}, () => undefined);
    expect(ran).toEqual(['a']);
  });
});
