import { createTestSchema, testEndpoints, type TestSchema } from '@hub/testing';
import { startIngress, waitUntilReady } from '../testing/ingress-harness';
import { migrateIngress } from './create-ingress-app';
import { ingressConfig } from './ingress.config';

describe('ingress with DATABASE_MIGRATE_AT_START=false', () => {
  let schema: TestSchema | undefined;
  afterAll(async () => {
    await schema?.drop();
  });

  it('refuses an empty schema naming the migrate command, and starts once migrate ran', async () => {
    const own = await createTestSchema('ingress-migrate');
    schema = own;
    const env = { DATABASE_MIGRATE_AT_START: 'false', INGRESS_DATABASE_SCHEMA: own.schema };

    await expect(startIngress(env)).rejects.toThrow(
      /ingress: its Postgres tables in schema "[^"]+" are missing or behind \(pending migrations: CreateReverseDirectionWrites1764216000000\).*`npm run migrate -- ingress`/,
    );
    await migrateIngress(
      ingressConfig.load({
        DATABASE_URL: testEndpoints().databaseUrl,
        INGRESS_DATABASE_SCHEMA: own.schema,
      }),
    );
    const running = await startIngress(env);
    try {
      await waitUntilReady(running.url);
    } finally {
      await running.stop();
    }
  });
});
