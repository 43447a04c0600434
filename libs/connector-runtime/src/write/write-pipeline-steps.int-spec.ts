import { IdempotencyStore } from '@hub/idempotency';
import { createTestSchema, type TestSchema } from '@hub/testing';
import type { DataSource } from 'typeorm';
import { ThreeStepAdapter } from '../kit/steps/three-step-adapter';
import { idempotencyDataSource } from '../persistence/connector-data-sources';
import { delivery, signal } from '../testing/pipeline-fixture';
import {
  RecordingSender,
  TARGET,
  fixedIdentity,
  inventoryEvent,
  jsonSerde,
  silentLogger,
  unitMetrics,
  unitPolicy,
  unitTopics,
} from '../testing/unit-fakes';
import { DeliveryRecords } from './delivery-records';
import { WritePipeline } from './write-pipeline';

describe('a multi-step write resumes after its last recorded step (real idempotency store)', () => {
  let schema: TestSchema;
  let dataSource: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema('steps');
    dataSource = idempotencyDataSource(schema.databaseUrl, schema.schema, 2);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'all' });
  });

  afterAll(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await schema.drop();
  });

  it('fails after step 2, and the retry (another replica) runs only step 3', async () => {
    const adapter = new ThreeStepAdapter('post');
    const store = new IdempotencyStore(dataSource);
    const replica = (leaseOwner: string) =>
      new WritePipeline({
        target: TARGET,
        adapter,
        policy: unitPolicy(),
        store,
        gate: { call: (_op, work) => work() },
        records: new DeliveryRecords(TARGET, jsonSerde, fixedIdentity, unitTopics),
        sender: new RecordingSender(),
        clock: { now: () => Date.now() },
        leaseOwner,
        leaseMs: 60_000,
        metrics: unitMetrics(),
        logger: silentLogger,
      });
    const event = inventoryEvent('SKU-STEPS');

    await expect(replica('odoo/a').handle(delivery(event), signal)).resolves.toBe('retry');
    const inDoubt = await store.record(TARGET, event.correlationId);
    expect(Object.keys(inDoubt?.steps ?? {}).sort()).toEqual(['count', 'create']);

    await expect(replica('odoo/b').handle(delivery(event, true), signal)).resolves.toBe(
      'succeeded',
    );
    expect(adapter.calls).toEqual(['create', 'count', 'post', 'post']);
    const done = await store.record(TARGET, event.correlationId);
    expect(done).toMatchObject({
      state: 'succeeded',
      steps: { create: { document: 'PID-1' }, post: { document: 'PID-1', state: 'posted' } },
    });
  });
});
