import type { DataSource } from 'typeorm';
import { IdempotencyStore } from './idempotency-store';
import { ManualClock } from './testing/manual-clock';
import { migratedSchema, type MigratedSchema } from './testing/migrated-schema';
import { beginRequest, minutes, tenOClock } from './testing/requests';
import type { BeginAnswer } from './write-types';

describe('begins in one transaction (beginMany, batchBegins)', () => {
  let db: MigratedSchema;
  let store: IdempotencyStore;

  beforeAll(async () => {
    db = await migratedSchema('idem-many');
    store = new IdempotencyStore(db.dataSource, { clock: new ManualClock(tenOClock) });
  });

  afterAll(() => db.close());

  it('gives every request of a batch the answer begin() gives, each from its own state', async () => {
    const done = beginRequest();
    const failed = beginRequest();
    const elsewhere = beginRequest();
    const newer = beginRequest({ sourceVersion: tenOClock + minutes(5) });
    const busy = beginRequest();
    const doubted = beginRequest({ sourceVersion: tenOClock + minutes(5) });
    await store.begin(done);
    await store.complete(done.target, done.correlationId, done.leaseOwner, { ref: 'D' });
    await store.begin(failed);
    await store.fail(failed.target, failed.correlationId, failed.leaseOwner, { code: 'X' });
    await store.begin({ ...elsewhere, leaseOwner: 'worker-b' });
    await store.begin(newer);
    await store.complete(newer.target, newer.correlationId, newer.leaseOwner, null);
    await store.begin({ ...busy, leaseOwner: 'worker-b' });
    await store.begin(doubted);
    await store.release(doubted.target, doubted.correlationId, doubted.leaseOwner);
    const fresh = beginRequest();
    const freshToo = beginRequest();
    const batch = [
      done,
      failed,
      elsewhere,
      { ...newer, correlationId: `${newer.correlationId}-old`, sourceVersion: tenOClock },
      { ...busy, correlationId: `${busy.correlationId}-2` },
      { ...doubted, correlationId: `${doubted.correlationId}-old`, sourceVersion: tenOClock },
      fresh,
      freshToo,
    ];

    const settled = await store.beginMany(batch);
    const kinds = settled.map((one) => (one.ok ? one.answer.kind : 'error'));
    const afterFresh = await Promise.all(
      [fresh, freshToo].map((write) =>
        store.begin({ ...write, correlationId: `${write.correlationId}-2` }),
      ),
    );

    expect(kinds).toEqual([
      'already-done',
      'failed-permanently',
      'in-flight-elsewhere',
      'superseded',
      'record-busy',
      'held-by-in-doubt',
      'proceed',
      'proceed',
    ]);
    expect(settled[0]).toEqual({
      ok: true,
      answer: { kind: 'already-done', result: { ref: 'D' }, recordPurged: false },
    });
    expect(settled[6]).toEqual({
      ok: true,
      answer: {
        kind: 'proceed',
        attempt: 1,
        completedSteps: {},
        leaseExpiresAt: tenOClock + fresh.leaseMs,
      },
    });
    // The batch claimed the fresh records: another write of either is busy now.
    expect(afterFresh.map((answer) => answer.kind)).toEqual(['record-busy', 'record-busy']);
  });

  it('refuses a batch with one record twice; batchBegins sends such calls in order in two batches', async () => {
    const first = beginRequest();
    const second = { ...beginRequest(), entityKey: first.entityKey };
    await expect(store.beginMany([first, second])).rejects.toThrow(/distinct records/);
    const batching = new IdempotencyStore(db.dataSource, {
      clock: new ManualClock(tenOClock),
      batchBegins: {},
    });

    const answers = await Promise.all([batching.begin(first), batching.begin(second)]);

    expect(answers.map((answer) => answer.kind)).toEqual(['proceed', 'record-busy']);
  });

  it('fails a bad request alone: the calls batched with it get their answers', async () => {
    const batching = new IdempotencyStore(db.dataSource, {
      clock: new ManualClock(tenOClock),
      batchBegins: {},
    });
    const results = await Promise.allSettled([
      batching.begin(beginRequest()),
      batching.begin(beginRequest({ sourceVersion: -1 })),
      batching.begin(beginRequest()),
    ]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('lets exactly one of ten batching workers proceed per write, over 40 writes raced at once', async () => {
    const connections: DataSource[] = await Promise.all(
      Array.from({ length: 10 }, () => db.connect()),
    );
    const writes = Array.from({ length: 40 }, () => beginRequest());
    const workers = connections.map(
      (connection) =>
        new IdempotencyStore(connection, {
          clock: new ManualClock(tenOClock),
          batchBegins: { maxBatch: 16 },
        }),
    );
    // Each worker asks for every write, in its own order, all at once.
    const answers: BeginAnswer[][] = await Promise.all(
      workers.map((worker, index) =>
        Promise.all(
          [...writes.slice(index * 4), ...writes.slice(0, index * 4)].map((write) =>
            worker.begin({ ...write, leaseOwner: `worker-${index}` }),
          ),
        ),
      ),
    );
    const proceeds = new Map<string, number>();
    answers.forEach((list, index) => {
      list.forEach((answer, position) => {
        const write = writes[(position + index * 4) % writes.length];
        if (answer.kind === 'proceed' && write !== undefined)
          proceeds.set(write.correlationId, (proceeds.get(write.correlationId) ?? 0) + 1);
      });
    });

    expect(proceeds.size).toBe(40);
    expect([...proceeds.values()].every((count) => count === 1)).toBe(true);
  });
});
