import { IdempotencyStore } from './idempotency-store';
import { ManualClock } from './testing/manual-clock';
import { migratedSchema, type MigratedSchema } from './testing/migrated-schema';
import { beginRequest, tenOClock } from './testing/requests';

describe('IdempotencyStore begin() answers', () => {
  let db: MigratedSchema;
  let clock: ManualClock;
  let store: IdempotencyStore;

  beforeAll(async () => {
    db = await migratedSchema('idem-answers');
    clock = new ManualClock(tenOClock + 60_000);
    store = new IdempotencyStore(db.dataSource, { clock });
  });

  afterAll(() => db.close());

  it('proceeds on a first write, holding a lease from the injected clock', async () => {
    const request = beginRequest({ leaseMs: 30_000 });

    const answer = await store.begin(request);

    expect(answer).toEqual({
      kind: 'proceed',
      attempt: 1,
      completedSteps: {},
      leaseExpiresAt: clock.now() + 30_000,
    });
    expect(await store.record(request.target, request.correlationId)).toMatchObject({
      state: 'in-flight',
      leaseOwner: 'worker-a',
      leaseExpiresAt: clock.now() + 30_000,
      attempts: 1,
      sourceVersion: request.sourceVersion,
      createdAt: clock.now(),
    });
  });

  it('answers in-flight-elsewhere with the holder and its expiry', async () => {
    const request = beginRequest();
    await store.begin(request);

    const answer = await store.begin({ ...request, leaseOwner: 'worker-b' });

    expect(answer).toEqual({
      kind: 'in-flight-elsewhere',
      leaseOwner: 'worker-a',
      leaseExpiresAt: clock.now() + 30_000,
    });
  });

  it('answers already-done with the ERP result after complete(), without a new lease', async () => {
    const request = beginRequest();
    await store.begin(request);
    await store.complete(request.target, request.correlationId, 'worker-a', {
      documentId: 'PO-4711',
    });

    const answer = await store.begin({ ...request, leaseOwner: 'worker-b' });

    expect(answer).toEqual({
      kind: 'already-done',
      result: { documentId: 'PO-4711' },
      recordPurged: false,
    });
    expect(await store.record(request.target, request.correlationId)).toMatchObject({
      state: 'succeeded',
      leaseOwner: null,
      leaseExpiresAt: null,
      attempts: 1,
    });
  });

  it('answers failed-permanently with the recorded error after fail()', async () => {
    const request = beginRequest();
    await store.begin(request);
    await store.fail(request.target, request.correlationId, 'worker-a', {
      code: 'UNKNOWN_PO',
      message: 'PO 42 not found',
    });

    const answer = await store.begin({ ...request, leaseOwner: 'worker-b' });

    expect(answer).toEqual({
      kind: 'failed-permanently',
      error: { code: 'UNKNOWN_PO', message: 'PO 42 not found' },
    });
  });

  it('proceeds again after an operator reopens a permanently failed write, and never reopens a success', async () => {
    const request = beginRequest();
    await store.begin(request);
    await store.fail(request.target, request.correlationId, 'worker-a', { code: 'UNKNOWN_PO' });

    expect(await store.reopen(request.target, request.correlationId)).toBe(true);
    const answer = await store.begin({ ...request, leaseOwner: 'worker-b' });
    expect(answer).toMatchObject({ kind: 'proceed', attempt: 2 });
    await store.complete(request.target, request.correlationId, 'worker-b', 'ok');

    expect(await store.reopen(request.target, request.correlationId)).toBe(false);
    expect(await store.begin({ ...request, leaseOwner: 'worker-c' })).toMatchObject({
      kind: 'already-done',
    });
  });

  it('answers superseded with the applied version for an older event of the same entity', async () => {
    const newer = beginRequest({ sourceVersion: tenOClock + 1 });
    await store.begin(newer);
    await store.complete(newer.target, newer.correlationId, 'worker-a', 'ok');

    const answer = await store.begin(
      beginRequest({ entityKey: newer.entityKey, sourceVersion: tenOClock }),
    );

    expect(answer).toEqual({
      kind: 'superseded',
      appliedVersion: tenOClock + 1,
      appliedByCorrelationId: newer.correlationId,
    });
  });

  it('lets a retry begin again after release(), counting the attempt and keeping the last error', async () => {
    const request = beginRequest();
    await store.begin(request);
    await store.release(request.target, request.correlationId, 'worker-a', { code: 'ERP_TIMEOUT' });

    const released = await store.record(request.target, request.correlationId);
    const answer = await store.begin({ ...request, leaseOwner: 'worker-b' });

    expect(released).toMatchObject({
      state: 'in-flight',
      leaseOwner: null,
      leaseExpiresAt: null,
      error: { code: 'ERP_TIMEOUT' },
    });
    expect(answer).toMatchObject({ kind: 'proceed', attempt: 2 });
  });

  it('takes over an expired lease without anyone sleeping', async () => {
    const request = beginRequest({ leaseMs: 5_000 });
    await store.begin(request);
    const late = new IdempotencyStore(db.dataSource, {
      clock: new ManualClock(clock.now() + 5_000),
    });

    const answer = await late.begin({ ...request, leaseOwner: 'worker-b' });

    expect(answer).toMatchObject({ kind: 'proceed', attempt: 2 });
    expect(await store.record(request.target, request.correlationId)).toMatchObject({
      leaseOwner: 'worker-b',
    });
  });

  it('keeps a lease one millisecond before its expiry', async () => {
    const request = beginRequest({ leaseMs: 5_000 });
    await store.begin(request);
    const almost = new IdempotencyStore(db.dataSource, {
      clock: new ManualClock(clock.now() + 4_999),
    });

    expect(await almost.begin({ ...request, leaseOwner: 'worker-b' })).toMatchObject({
      kind: 'in-flight-elsewhere',
    });
  });

  it('refuses complete, fail, release and recordStep from a worker whose lease was taken over', async () => {
    const request = beginRequest({ leaseMs: 5_000 });
    await store.begin(request);
    const late = new IdempotencyStore(db.dataSource, {
      clock: new ManualClock(clock.now() + 10_000),
    });
    await late.begin({ ...request, leaseOwner: 'worker-b' });
    const { target, correlationId } = request;
    const lost = { code: 'IDEMPOTENCY_LEASE_NOT_HELD', retriable: true };

    await expect(store.complete(target, correlationId, 'worker-a', 'late')).rejects.toMatchObject(
      lost,
    );
    await expect(store.fail(target, correlationId, 'worker-a', 'late')).rejects.toMatchObject(lost);
    await expect(store.release(target, correlationId, 'worker-a')).rejects.toMatchObject(lost);
    await expect(
      store.recordStep(target, correlationId, 'worker-a', 'create', 'late'),
    ).rejects.toMatchObject(lost);
    expect(await store.record(target, correlationId)).toMatchObject({
      state: 'in-flight',
      leaseOwner: 'worker-b',
      steps: {},
    });
    expect(await store.appliedVersion(target, request.entityType, request.entityKey)).toBeNull();
  });

  it('refuses to complete a write twice or one never begun', async () => {
    const request = beginRequest();
    await store.begin(request);
    await store.complete(request.target, request.correlationId, 'worker-a', 'first');

    await expect(
      store.complete(request.target, request.correlationId, 'worker-a', 'second'),
    ).rejects.toThrow(/worker-a does not hold the lease .*: it is succeeded with no lease/);
    await expect(store.complete('sap', 'never-begun', 'worker-a', 'x')).rejects.toThrow(
      /no such write record/,
    );
    expect(await store.record(request.target, request.correlationId)).toMatchObject({
      result: 'first',
    });
  });

  it('rejects an invalid request before touching the database', async () => {
    await expect(store.begin(beginRequest({ sourceVersion: -1 }))).rejects.toMatchObject({
      code: 'IDEMPOTENCY_INVALID_REQUEST',
      retriable: false,
    });
  });

  it('keeps targets apart: the same correlation id proceeds once per target', async () => {
    const request = beginRequest({ target: 'sap' });
    await store.begin(request);

    expect(await store.begin({ ...request, target: 'business-central' })).toMatchObject({
      kind: 'proceed',
      attempt: 1,
    });
  });
});
