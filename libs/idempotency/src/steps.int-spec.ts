import { IdempotencyStore } from './idempotency-store';
import { ManualClock } from './testing/manual-clock';
import { migratedSchema, type MigratedSchema } from './testing/migrated-schema';
import { beginRequest, minutes, tenOClock } from './testing/requests';

/** SAP physical inventory: create the document, enter the count, post differences. */
describe('multi-step writes resume, never restart', () => {
  let db: MigratedSchema;
  let clock: ManualClock;
  let store: IdempotencyStore;

  beforeAll(async () => {
    db = await migratedSchema('idem-steps');
    clock = new ManualClock(tenOClock + minutes(1));
    store = new IdempotencyStore(db.dataSource, { clock });
  });

  afterAll(() => db.close());

  it('returns the completed steps to the retry after a transient failure', async () => {
    const request = beginRequest({ target: 'sap', entityType: 'inventory-level' });
    const { target, correlationId } = request;
    await store.begin(request);
    await store.recordStep(target, correlationId, 'worker-a', 'create', {
      physInvDoc: '100000123',
      fiscalYear: '2025',
    });
    await store.recordStep(target, correlationId, 'worker-a', 'count', { items: 1 });
    await store.release(target, correlationId, 'worker-a', { code: 'ERP_UNAVAILABLE' });

    const retry = await store.begin({ ...request, leaseOwner: 'worker-b' });

    expect(retry).toEqual({
      kind: 'proceed',
      attempt: 2,
      completedSteps: {
        create: { physInvDoc: '100000123', fiscalYear: '2025' },
        count: { items: 1 },
      },
      leaseExpiresAt: clock.now() + request.leaseMs,
    });
  });

  it('returns the completed steps to a worker taking over after a crash', async () => {
    const request = beginRequest({ leaseMs: 10_000 });
    await store.begin(request);
    await store.recordStep(request.target, request.correlationId, 'worker-a', 'create', {
      journal: 'GJ-000042',
    });
    const later = new IdempotencyStore(db.dataSource, {
      clock: new ManualClock(clock.now() + 10_000),
    });

    const takeover = await later.begin({ ...request, leaseOwner: 'worker-b' });

    expect(takeover).toMatchObject({
      kind: 'proceed',
      attempt: 2,
      completedSteps: { create: { journal: 'GJ-000042' } },
    });
  });

  it('shows "created, not posted" as an in-flight record with steps, not as a success', async () => {
    const request = beginRequest();
    await store.begin(request);
    await store.recordStep(
      request.target,
      request.correlationId,
      'worker-a',
      'create',
      '100000124',
    );
    await store.release(request.target, request.correlationId, 'worker-a');

    const stored = await store.record(request.target, request.correlationId);

    expect(stored).toMatchObject({
      state: 'in-flight',
      steps: { create: '100000124' },
      result: null,
    });
    expect(
      await store.appliedVersion(request.target, request.entityType, request.entityKey),
    ).toBeNull();
  });

  it('keeps the steps beside the result once the last step completes', async () => {
    const request = beginRequest();
    await store.begin(request);
    await store.recordStep(
      request.target,
      request.correlationId,
      'worker-a',
      'create',
      '100000125',
    );
    await store.recordStep(request.target, request.correlationId, 'worker-a', 'post', 'posted');
    await store.complete(request.target, request.correlationId, 'worker-a', {
      physInvDoc: '100000125',
    });

    expect(await store.record(request.target, request.correlationId)).toMatchObject({
      state: 'succeeded',
      steps: { create: '100000125', post: 'posted' },
      result: { physInvDoc: '100000125' },
    });
  });

  it('replaces a step recorded again, keeping the others', async () => {
    const request = beginRequest();
    await store.begin(request);
    await store.recordStep(request.target, request.correlationId, 'worker-a', 'create', 'first');
    await store.recordStep(request.target, request.correlationId, 'worker-a', 'count', [1, 2]);
    await store.recordStep(request.target, request.correlationId, 'worker-a', 'create', 'second');

    expect(await store.record(request.target, request.correlationId)).toMatchObject({
      steps: { create: 'second', count: [1, 2] },
    });
  });

  it('stores any JSON a step returns, including strings, arrays and null', async () => {
    const request = beginRequest();
    await store.begin(request);
    await store.recordStep(
      request.target,
      request.correlationId,
      'worker-a',
      'a',
      'text with "quotes"',
    );
    await store.recordStep(request.target, request.correlationId, 'worker-a', 'b', [
      1,
      'two',
      { three: 3 },
    ]);
    await store.recordStep(request.target, request.correlationId, 'worker-a', 'c', null);

    expect((await store.record(request.target, request.correlationId))?.steps).toEqual({
      a: 'text with "quotes"',
      b: [1, 'two', { three: 3 }],
      c: null,
    });
  });

  it('rejects an empty step name', async () => {
    const request = beginRequest();
    await store.begin(request);

    await expect(
      store.recordStep(request.target, request.correlationId, 'worker-a', '', 'x'),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_INVALID_REQUEST',
    });
  });
});
