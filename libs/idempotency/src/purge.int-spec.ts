import { DEFAULT_PURGE_AGE_MS, IdempotencyStore } from './idempotency-store';
import { ManualClock } from './testing/manual-clock';
import { migratedSchema, type MigratedSchema } from './testing/migrated-schema';
import { beginRequest, tenOClock } from './testing/requests';
import type { BeginRequest } from './write-types';

const day = 24 * 60 * 60 * 1000;

describe('purgeOlderThan', () => {
  let db: MigratedSchema;

  beforeEach(async () => {
    db = await migratedSchema('idem-purge');
  });

  afterEach(() => db.close());

  async function seed(
    store: IdempotencyStore,
    finish: 'complete' | 'fail' | 'release' | 'hold',
  ): Promise<BeginRequest> {
    const request = beginRequest();
    await store.begin(request);
    const { target, correlationId, leaseOwner } = request;
    if (finish === 'complete') await store.complete(target, correlationId, leaseOwner, 'done');
    if (finish === 'fail') await store.fail(target, correlationId, leaseOwner, 'bad');
    if (finish === 'release') await store.release(target, correlationId, leaseOwner);
    return request;
  }

  it('deletes finished records older than the age, keeps younger and in-flight ones, and counts', async () => {
    const clock = new ManualClock(tenOClock);
    const store = new IdempotencyStore(db.dataSource, { clock });
    const old = [await seed(store, 'complete'), await seed(store, 'fail')];
    const oldInFlight = [await seed(store, 'release'), await seed(store, 'hold')];
    clock.advance(10 * day);
    const young = await seed(store, 'complete');

    const purged = await store.purgeOlderThan(5 * day, clock.now());

    expect(purged).toBe(2);
    for (const request of old)
      expect(await store.record(request.target, request.correlationId)).toBeNull();
    for (const request of [...oldInFlight, young]) {
      expect(await store.record(request.target, request.correlationId)).not.toBeNull();
    }
  });

  it('counts by time finished, not time begun', async () => {
    const clock = new ManualClock(tenOClock);
    const store = new IdempotencyStore(db.dataSource, { clock });
    const request = beginRequest();
    await store.begin(request);
    clock.advance(10 * day);
    await store.complete(request.target, request.correlationId, request.leaseOwner, 'late');

    expect(await store.purgeOlderThan(5 * day, clock.now())).toBe(0);
  });

  it('keeps 30 days by default, at the store clock', async () => {
    const clock = new ManualClock(tenOClock);
    const store = new IdempotencyStore(db.dataSource, { clock });
    await seed(store, 'complete');
    clock.advance(DEFAULT_PURGE_AGE_MS);

    const atThirtyDays = await store.purgeOlderThan();
    clock.advance(1);
    const justPast = await store.purgeOlderThan();

    expect(DEFAULT_PURGE_AGE_MS).toBe(30 * day);
    expect([atThirtyDays, justPast]).toEqual([0, 1]);
  });

  it('keeps the stale-write guard, so an old event replayed after the purge is still refused', async () => {
    const clock = new ManualClock(tenOClock);
    const store = new IdempotencyStore(db.dataSource, { clock });
    const at1000 = beginRequest({ sourceVersion: tenOClock });
    const at1005 = beginRequest({
      entityKey: at1000.entityKey,
      sourceVersion: tenOClock + 5 * 60_000,
    });
    for (const request of [at1000, at1005]) {
      await store.begin(request);
      await store.complete(request.target, request.correlationId, request.leaseOwner, 'done');
    }
    clock.advance(60 * day);

    await store.purgeOlderThan();

    expect(await store.begin(at1000)).toMatchObject({
      kind: 'superseded',
      appliedVersion: at1005.sourceVersion,
    });
    expect(await store.begin(at1005)).toEqual({
      kind: 'already-done',
      result: null,
      recordPurged: true,
    });
    expect(
      await store.appliedVersion(at1005.target, at1005.entityType, at1005.entityKey),
    ).toMatchObject({
      version: at1005.sourceVersion,
    });
  });

  it('rejects a negative age', async () => {
    const store = new IdempotencyStore(db.dataSource);

    await expect(store.purgeOlderThan(-1)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_INVALID_REQUEST',
    });
  });
});
