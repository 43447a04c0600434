import { IdempotencyStore } from './idempotency-store';
import { ManualClock } from './testing/manual-clock';
import { migratedSchema, type MigratedSchema } from './testing/migrated-schema';
import { beginRequest, minutes, tenOClock } from './testing/requests';
import type { BeginRequest } from './write-types';

const hold = minutes(60);

describe('the record claim: one write of a record at a time, and doubts resolved before older facts', () => {
  let db: MigratedSchema;
  let clock: ManualClock;
  let store: IdempotencyStore;

  beforeAll(async () => {
    db = await migratedSchema('idem-claim');
    clock = new ManualClock(tenOClock + minutes(30));
    store = new IdempotencyStore(db.dataSource, { clock, inDoubtHoldMs: hold });
  });

  afterAll(() => db.close());

  const levels = (...versions: number[]): BeginRequest[] => {
    const { entityKey } = beginRequest();
    return versions.map((level, index) =>
      beginRequest({
        entityKey,
        sourceVersion: tenOClock + level * 1000,
        arrivalOrder: index,
        leaseOwner: `worker-${level}`,
      }),
    );
  };
  const kind = async (request: BeginRequest) => (await store.begin(request)).kind;
  async function proceed(request: BeginRequest): Promise<void> {
    expect(await kind(request)).toBe('proceed');
  }
  const complete = (request: BeginRequest) =>
    store.complete(request.target, request.correlationId, request.leaseOwner, 'ok');
  const release = (request: BeginRequest) =>
    store.release(request.target, request.correlationId, request.leaseOwner, {
      code: 'CONNECTION_RESET',
    });

  it('holds an older level back while a newer one is in doubt, until the doubt is resolved applied', async () => {
    const [at10, at30, at20] = levels(10, 30, 20) as [BeginRequest, BeginRequest, BeginRequest];
    await proceed(at10);
    await complete(at10);
    await proceed(at30);
    await release(at30); // the answer was lost after the target committed

    expect(await store.begin(at20)).toMatchObject({
      kind: 'held-by-in-doubt',
      correlationId: at30.correlationId,
      version: at30.sourceVersion,
      inDoubtSince: clock.now(),
    });
    await proceed(at30); // its retry resolves the doubt (found applied)
    await complete(at30);
    expect(await kind(at20)).toBe('superseded');
  });

  it('lets a newer level overtake a doubt, which is then superseded', async () => {
    const [at30, at40] = levels(30, 40) as [BeginRequest, BeginRequest];
    await proceed(at30);
    await release(at30);
    await proceed(at40);
    await complete(at40);
    expect(await kind(at30)).toBe('superseded');
  });

  it('makes every other write of the record wait while one holds it, newer or not', async () => {
    const [at30, at40, at20] = levels(30, 40, 20) as [BeginRequest, BeginRequest, BeginRequest];
    await proceed(at30);
    expect(await kind(at40)).toBe('record-busy');
    expect(await kind(at20)).toBe('record-busy');
    await complete(at30);
    expect(await kind(at20)).toBe('superseded');
    await proceed(at40);
  });

  it('treats a holder whose lease ran out (it died mid-write) as a doubt', async () => {
    const [at30, at20] = levels(30, 20) as [BeginRequest, BeginRequest];
    await proceed(at30);
    clock.advance(at30.leaseMs);
    expect(await kind(at20)).toBe('held-by-in-doubt');
  });

  it('frees the record when the doubt ends as a permanent failure or outlives the hold', async () => {
    const [at30, at20] = levels(30, 20) as [BeginRequest, BeginRequest];
    await proceed(at30);
    await store.fail(at30.target, at30.correlationId, at30.leaseOwner, { code: 'REJECTED' });
    await proceed(at20);

    const [at50, at45] = levels(50, 45) as [BeginRequest, BeginRequest];
    await proceed(at50);
    await release(at50);
    expect(await kind(at45)).toBe('held-by-in-doubt');
    clock.advance(hold);
    await proceed(at45);
  });

  it('orders equal source versions by arrival, through the guard', async () => {
    const { entityKey } = beginRequest();
    const same = (arrivalOrder: number) =>
      beginRequest({ entityKey, sourceVersion: tenOClock, arrivalOrder });
    const later = same(7);
    await proceed(later);
    await complete(later);
    expect(await kind(same(3))).toBe('superseded');
    await proceed(same(9));
  });

  it('applies additive facts whatever their order, one at a time', async () => {
    const { entityKey } = beginRequest();
    const receipt = (level: number) =>
      beginRequest({
        entityKey,
        entityType: 'goods-receipt',
        semantics: 'additive',
        sourceVersion: tenOClock + level * 1000,
      });
    const [second, first, third] = [receipt(20), receipt(10), receipt(30)];
    await proceed(second);
    expect(await kind(first)).toBe('record-busy');
    await complete(second);
    await proceed(first); // older, never superseded
    await release(first); // a failed additive fact holds nothing back
    await proceed(third);
    await complete(third);
    expect(await store.appliedVersion(second.target, 'goods-receipt', entityKey)).toBeNull();
  });
});
