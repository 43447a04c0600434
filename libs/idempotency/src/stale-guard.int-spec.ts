import { IdempotencyStore } from './idempotency-store';
import { ManualClock } from './testing/manual-clock';
import { migratedSchema, type MigratedSchema } from './testing/migrated-schema';
import { beginRequest, minutes, tenOClock } from './testing/requests';
import type { BeginRequest } from './write-types';

describe('the stale-write guard', () => {
  let db: MigratedSchema;
  let clock: ManualClock;
  let store: IdempotencyStore;

  beforeAll(async () => {
    db = await migratedSchema('idem-stale');
    clock = new ManualClock(tenOClock + minutes(30));
    store = new IdempotencyStore(db.dataSource, { clock });
  });

  afterAll(() => db.close());

  async function apply(request: BeginRequest, result: string = request.correlationId) {
    const answer = await store.begin(request);
    if (answer.kind !== 'proceed') throw new Error(`expected proceed, got ${answer.kind}`);
    return store.complete(request.target, request.correlationId, request.leaseOwner, result);
  }

  it('skips a retried 10:00 level after the 10:05 level was applied', async () => {
    const at1005 = beginRequest({ sourceVersion: tenOClock + minutes(5) });
    const at1000 = beginRequest({ entityKey: at1005.entityKey, sourceVersion: tenOClock });
    await apply(at1005);

    const answer = await store.begin(at1000);

    expect(answer).toEqual({
      kind: 'superseded',
      appliedVersion: tenOClock + minutes(5),
      appliedByCorrelationId: at1005.correlationId,
    });
    expect(await store.record(at1000.target, at1000.correlationId)).toBeNull();
    expect(await store.appliedVersion(at1005.target, at1005.entityType, at1005.entityKey)).toEqual({
      version: tenOClock + minutes(5),
      arrivalOrder: 0,
      correlationId: at1005.correlationId,
      appliedAt: clock.now(),
    });
  });

  it('applies a different event with an EQUAL source version and hands the guard to it', async () => {
    const first = beginRequest({ sourceVersion: tenOClock });
    const sameSecond = beginRequest({ entityKey: first.entityKey, sourceVersion: tenOClock });
    await apply(first);

    const outcome = await apply(sameSecond);

    expect(outcome).toEqual({ guardAdvanced: true, appliedVersion: tenOClock });
    expect(
      await store.appliedVersion(first.target, first.entityType, first.entityKey),
    ).toMatchObject({
      version: tenOClock,
      correlationId: sameSecond.correlationId,
    });
  });

  it('advances on a newer version', async () => {
    const older = beginRequest({ sourceVersion: tenOClock });
    await apply(older);

    const outcome = await apply(
      beginRequest({ entityKey: older.entityKey, sourceVersion: tenOClock + 1 }),
    );

    expect(outcome).toEqual({ guardAdvanced: true, appliedVersion: tenOClock + 1 });
  });

  it('keeps versions per target and per entity', async () => {
    const sap = beginRequest({ target: 'sap', sourceVersion: tenOClock + minutes(5) });
    await apply(sap);

    const otherTarget = await store.begin({
      ...beginRequest({ entityKey: sap.entityKey }),
      target: 'business-central',
    });
    const otherEntity = await store.begin(beginRequest({ sourceVersion: tenOClock }));
    const otherType = await store.begin(
      beginRequest({ entityKey: sap.entityKey, entityType: 'goods-receipt' }),
    );

    expect([otherTarget.kind, otherEntity.kind, otherType.kind]).toEqual([
      'proceed',
      'proceed',
      'proceed',
    ]);
  });

  it('never moves back when an older write completes after a newer one (guardAdvanced false)', async () => {
    const at1000 = beginRequest({ sourceVersion: tenOClock, leaseOwner: 'slow-worker' });
    const at1005 = beginRequest({
      entityKey: at1000.entityKey,
      sourceVersion: tenOClock + minutes(5),
    });
    await store.begin(at1000);
    // Only a holder whose lease ran out can be overtaken: while it is live, the record is busy.
    expect((await store.begin(at1005)).kind).toBe('record-busy');
    clock.advance(at1000.leaseMs);
    await apply(at1005);

    const outcome = await store.complete(
      at1000.target,
      at1000.correlationId,
      'slow-worker',
      'late',
    );

    expect(outcome).toEqual({ guardAdvanced: false, appliedVersion: tenOClock + minutes(5) });
    expect(
      await store.appliedVersion(at1000.target, at1000.entityType, at1000.entityKey),
    ).toMatchObject({
      correlationId: at1005.correlationId,
    });
    expect(await store.record(at1000.target, at1000.correlationId)).toMatchObject({
      state: 'succeeded',
      result: 'late',
    });
  });

  it('lets one of many concurrent writers of one record proceed at a time, and ends at the newest', async () => {
    const entityKey = beginRequest().entityKey;
    const versions = [5, 1, 9, 3, 7, 2, 8, 4, 6, 0].map((n) => tenOClock + n * 1000);
    const connections = await Promise.all(versions.map(() => db.connect()));
    const stores = connections.map((connection) => new IdempotencyStore(connection, { clock }));
    let pending = versions.map((sourceVersion, index) => ({
      store: stores[index]!,
      write: beginRequest({ entityKey, sourceVersion, leaseOwner: `worker-${index}` }),
    }));
    const finished: string[] = [];
    const waited: string[] = [];
    while (pending.length > 0) {
      const answers = await Promise.all(pending.map(({ store: own, write }) => own.begin(write)));
      const proceeding = answers.filter((answer) => answer.kind === 'proceed');
      expect(proceeding.length).toBeLessThanOrEqual(1);
      const next: typeof pending = [];
      for (const [index, answer] of answers.entries()) {
        const writer = pending[index]!;
        if (answer.kind === 'proceed') {
          await writer.store.complete(
            writer.write.target,
            writer.write.correlationId,
            writer.write.leaseOwner,
            'ok',
          );
          finished.push('applied');
        } else if (answer.kind === 'superseded') finished.push('superseded');
        else {
          waited.push(answer.kind);
          next.push(writer);
        }
      }
      pending = next;
    }

    expect(finished).toHaveLength(versions.length);
    expect(new Set(waited)).toEqual(new Set(['record-busy']));
    expect(await store.appliedVersion('sap', 'inventory-level', entityKey)).toMatchObject({
      version: tenOClock + 9000,
    });
  });

  it('answers null for an entity nothing was applied to', async () => {
    expect(await store.appliedVersion('sap', 'inventory-level', 'never-seen')).toBeNull();
  });

  it('advances in the same transaction as the write record: a failing guard write leaves the record in flight', async () => {
    const schema = `"${db.schema.schema}"`;
    await db.dataSource.query(`
      CREATE FUNCTION ${schema}.refuse_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'guard write refused by test'; END $$`);
    await db.dataSource.query(
      `CREATE TRIGGER refuse_guard BEFORE INSERT OR UPDATE ON ${schema}."applied_version" FOR EACH ROW EXECUTE FUNCTION ${schema}.refuse_guard()`,
    );
    const request = beginRequest();
    await store.begin(request);
    try {
      await expect(
        store.complete(request.target, request.correlationId, request.leaseOwner, 'ok'),
      ).rejects.toThrow(/guard write refused by test/);
    } finally {
      await db.dataSource.query(`DROP TRIGGER refuse_guard ON ${schema}."applied_version"`);
    }

    expect(await store.record(request.target, request.correlationId)).toMatchObject({
      state: 'in-flight',
      leaseOwner: request.leaseOwner,
      result: null,
    });
  });
  it('reads the guard rows of many keys at once, leaving out keys never applied', async () => {
    const one = beginRequest({ sourceVersion: tenOClock });
    const two = beginRequest({ sourceVersion: tenOClock + minutes(1) });
    await apply(one);
    await apply(two);

    const applied = await store.appliedVersions(one.target, one.entityType, [
      one.entityKey,
      two.entityKey,
      'never-applied',
    ]);

    expect([...applied.keys()].sort()).toEqual([one.entityKey, two.entityKey].sort());
    expect(applied.get(two.entityKey)).toMatchObject({
      version: tenOClock + minutes(1),
      correlationId: two.correlationId,
    });
    expect(await store.appliedVersions(one.target, one.entityType, [])).toEqual(new Map());
  });
});
