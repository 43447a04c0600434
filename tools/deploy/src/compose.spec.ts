/**
 * docker/compose.yml without a Docker engine: every app is a service built from the one
 * Dockerfile, started only after what it needs is healthy (and the topics and schema steps
 * completed), with only settings its config reads (its README's generated table).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { APPS } from './bundle';
import { appSettings } from './k8s/config-keys';

interface Service {
  readonly image?: string;
  readonly build?: { readonly dockerfile?: string; readonly args?: Record<string, string> };
  readonly depends_on?: Record<string, { readonly condition: string }>;
  readonly environment?: Record<string, string>;
  readonly healthcheck?: unknown;
  readonly command?: readonly string[];
  readonly profiles?: readonly string[];
}

const root = resolve(__dirname, '../../..');
const compose = parse(readFileSync(join(root, 'docker/compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const service = (name: string): Service => compose.services[name] ?? {};

describe('docker/compose.yml', () => {
  it.each([...APPS])('%s is built from the Dockerfile with APP=%s', (app) => {
    expect(service(app).build).toMatchObject({ dockerfile: 'Dockerfile', args: { APP: app } });
  });

  it.each(APPS.filter((app) => app !== 'erp-simulator'))(
    '%s starts after Kafka and the registry are healthy and the topics and schemas exist',
    (app) => {
      expect(service(app).depends_on).toMatchObject({
        kafka: { condition: 'service_healthy' },
        'schema-registry': { condition: 'service_healthy' },
        topics: { condition: 'service_completed_successfully' },
        'db-schemas': { condition: 'service_completed_successfully' },
        migrate: { condition: 'service_completed_successfully' },
      });
    },
  );

  it('migrates every app it starts by default once, before them, which then start with migrations off', () => {
    const migrate = service('migrate');
    expect(migrate.build?.args).toEqual({ APP: 'deploy-tools' });
    expect(migrate.depends_on).toEqual({
      'db-schemas': { condition: 'service_completed_successfully' },
    });
    const byDefault = APPS.filter(
      (app) => app !== 'erp-simulator' && service(app).profiles === undefined,
    );
    expect(migrate.command?.slice(2).sort()).toEqual([...byDefault].sort());
    for (const app of byDefault)
      expect(service(app).environment?.['DATABASE_MIGRATE_AT_START']).toBe('false');
  });

  it('runs the topics command and the schema step as one-shot services', () => {
    expect(service('topics').build?.args).toEqual({ APP: 'deploy-tools' });
    expect(service('db-schemas').depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
    });
  });

  it('keeps the infrastructure health-checked (the apps use the image HEALTHCHECK)', () => {
    for (const name of ['kafka', 'postgres', 'schema-registry'])
      expect(service(name).healthcheck).toBeDefined();
    expect(service('kafka').image).toMatch(/^apache\/kafka:\d+\.\d+\.\d+$/);
  });

  it.each([...APPS])('%s gets only settings it reads, and every required one', (app) => {
    const settings = appSettings(root, app);
    const given = Object.keys(service(app).environment ?? {});
    expect(given.filter((name) => !settings.has(name))).toEqual([]);
    const required = [...settings].filter(([, facts]) => facts.required).map(([name]) => name);
    expect(required.filter((name) => !given.includes(name))).toEqual([]);
  });
});
