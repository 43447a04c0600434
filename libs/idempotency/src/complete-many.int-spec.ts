import { IdempotencyStore } from './idempotency-store';
import { ManualClock } from './testing/manual-clock';
import { migratedSchema, type MigratedSchema } from './testing/migrated-schema';
import { beginRequest, minutes, tenOClock } from './testing/requests';

describe('completes in one statement (completeMany, batchCompletes)', () => {
  let db: MigratedSchema;

  beforeAll(async () => {
    db = await migratedSchema('idem-complete-many');
  });

  afterAll(() => db.close());

  it('records each write of a batch, refuses one whose lease is gone, and leaves the guard at the newest of one entity', async () => {
    const clock = new ManualClock(tenOClock);
    const store = new IdempotencyStore(db.dataSource, { clock });
    const plain = beginRequest();
    const stolen = beginRequest();
    const older = beginRequest({ leaseMs: 1_000 });
    const newer = beginRequest({
      entityKey: older.entityKey,
      sourceVersion: tenOClock + minutes(1),
      leaseOwner: 'worker-b',
    });
    await store.begin(plain);
    await store.begin(stolen);
    await store.begin(older);
    clock.advance(1_000);
    // The older write's lease ran out while it was still writing: the newer one took the record.
    expect((await store.begin(newer)).kind).toBe('proceed');

    const settled = await store.completeMany([
      { ...plain, result: { ref: 'P' } },
      { ...stolen, leaseOwner: 'somebody-else', result: null },
      { ...older, result: { ref: 'O' } },
      { ...newer, result: { ref: 'N' } },
    ]);
    const guard = await store.appliedVersion(older.target, older.entityType, older.entityKey);
    const stolenRecord = await store.record(stolen.target, stolen.correlationId);
    const nextOfPlain = await store.begin({ ...beginRequest(), entityKey: plain.entityKey });

    expect(settled[0]).toEqual({
      ok: true,
      answer: { guardAdvanced: true, appliedVersion: tenOClock },
    });
    expect(settled[1]).toMatchObject({
      ok: false,
      error: { code: 'IDEMPOTENCY_LEASE_NOT_HELD' },
    });
    expect(stolenRecord).toMatchObject({ state: 'in-flight', leaseOwner: 'worker-a' });
    expect(settled[2]).toEqual({
      ok: true,
      answer: { guardAdvanced: false, appliedVersion: tenOClock + minutes(1) },
    });
    expect(settled[3]).toEqual({
      ok: true,
      answer: { guardAdvanced: true, appliedVersion: tenOClock + minutes(1) },
    });
    expect(guard).toMatchObject({
      version: tenOClock + minutes(1),
      correlationId: newer.correlationId,
    });
    // The claim went with the complete: the entity's next write may proceed.
    expect(nextOfPlain.kind).toBe('proceed');
  });

  it('gives each complete() of a batching store its own outcome', async () => {
    const store = new IdempotencyStore(db.dataSource, {
      clock: new ManualClock(tenOClock),
      batchBegins: {},
      batchCompletes: {},
    });
    const writes = Array.from({ length: 12 }, () => beginRequest());
    await Promise.all(writes.map((write) => store.begin(write)));

    const results = await Promise.allSettled(
      writes.map((write, index) =>
        store.complete(
          write.target,
          write.correlationId,
          index === 5 ? 'not-the-owner' : write.leaseOwner,
          { n: index },
        ),
      ),
    );
    const records = await Promise.all(
      writes.map((write) => store.record(write.target, write.correlationId)),
    );

    expect(results.map((result) => result.status)).toEqual(
      writes.map((_write, index) => (index === 5 ? 'rejected' : 'fulfilled')),
    );
    expect(records.map((record) => record?.result ?? null)).toEqual(
      writes.map((_write, index) => (index === 5 ? null : { n: index })),
    );
  });
});
