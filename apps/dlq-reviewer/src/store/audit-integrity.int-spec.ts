/** The audit log against real Postgres: entries keep a stable actor id, and nothing rewrites them. */
import { createTestSchema, testEndpoints, type TestSchema } from '@hub/testing';
import type { DataSource } from 'typeorm';
import { AuditStore } from './audit-store';
import { createReviewerDataSource } from './reviewer-data-source';

let schema: TestSchema;
let dataSource: DataSource;
let audit: AuditStore;

beforeAll(async () => {
  schema = await createTestSchema('dlq_audit');
  dataSource = createReviewerDataSource(testEndpoints().databaseUrl, schema.schema);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  audit = new AuditStore(dataSource);
});

afterAll(async () => {
  if (dataSource.isInitialized) await dataSource.destroy();
  await schema.drop();
});

describe('the audit log', () => {
  it('keeps the readable name and the stable id of whoever acted', async () => {
    await audit.record(
      {
        actor: 'alice',
        actorId: 'jwt:https://issuer.test/#user-7',
        action: 'discard',
        itemId: null,
        note: 'test data',
        details: {},
      },
      Date.now(),
    );
    const [entry] = await audit.page({}, 10);
    expect(entry).toMatchObject({ actor: 'alice', actorId: 'jwt:https://issuer.test/#user-7' });
  });

  it.each([
    ['UPDATE', `UPDATE "audit_log" SET "actor" = 'mallory'`],
    ['DELETE', `DELETE FROM "audit_log"`],
    ['TRUNCATE', `TRUNCATE "audit_log"`],
  ])('refuses %s, whoever sends it', async (_operation, sql) => {
    await expect(dataSource.query(sql)).rejects.toThrow(/audit_log is append-only/);
    const entries = await audit.page({}, 10);
    expect(entries.map((entry) => entry.actor)).toEqual(['alice']);
  });
});
