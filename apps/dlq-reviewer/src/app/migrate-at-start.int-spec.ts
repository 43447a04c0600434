import { createTestSchema, testEndpoints, type TestSchema } from '@hub/testing';
import { startReviewer } from '../testing/reviewer-harness';
import { dlqReviewerConfig } from './dlq-reviewer.config';
import { migrateDlqReviewer } from './reviewer-migrations';

describe('reviewer with DATABASE_MIGRATE_AT_START=false', () => {
  let schema: TestSchema | undefined;
  afterAll(async () => {
    await schema?.drop();
  });

  it('refuses an empty schema naming the migrate command, and starts once migrate ran', async () => {
    const own = await createTestSchema('dlq-migrate');
    schema = own;
    const env = { DATABASE_MIGRATE_AT_START: 'false', DLQ_DATABASE_SCHEMA: own.schema };

    await expect(startReviewer(env)).rejects.toThrow(
      /dlq-reviewer: its Postgres tables in schema "[a-z0-9_]+" are missing or behind \(pending migrations: CreateDeadLetterItems1764230400000, .*\).*`npm run migrate -- dlq-reviewer`/,
    );
    await migrateDlqReviewer(
      dlqReviewerConfig.load({ DATABASE_URL: testEndpoints().databaseUrl, ...env }),
    );
    const running = await startReviewer(env);
    try {
      expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    } finally {
      await running.stop();
    }
  });
});
