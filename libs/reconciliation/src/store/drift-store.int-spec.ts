import { compareSnapshots, type OwnerState } from '../compare/compare-snapshots';
import { sameQuantity } from '../compare/decimal';
import type { Explanation } from '../compare/verdicts';
import { DriftStore, type Pair } from './drift-store';
import { reconciliationSchema, type ReconciliationSchema } from '../testing/reconciliation-schema';

const pair: Pair = { entityType: 'inventory-level', receiver: 'odoo-main' };

function page(
  owner: Record<string, string>,
  receiver: Record<string, string>,
  inFlight: readonly string[] = [],
  explained: Readonly<Record<string, Explanation>> = {},
) {
  return compareSnapshots({
    owner: new Map(
      Object.entries(owner).map(([key, value]): [string, OwnerState] => [
        key,
        { value, version: 9 },
      ]),
    ),
    receiver: new Map(Object.entries(receiver)),
    inFlight: new Set(inFlight),
    explained: new Map(Object.entries(explained)),
    same: sameQuantity,
  });
}

describe('DriftStore', () => {
  let db: ReconciliationSchema;
  let now = 1_800_000_000_000;
  let store: DriftStore;

  beforeAll(async () => {
    db = await reconciliationSchema('drift');
    store = new DriftStore(db.dataSource, { now: () => now });
  });

  afterAll(() => db.close());

  const statuses = async () =>
    Object.fromEntries(
      (await store.list(pair, { limit: 100 })).map((item) => [item.entityKey, item.status]),
    );

  it('keeps each key as the last look at it said: drift opens, sync heals, drift again starts over', async () => {
    const first = await store.startRun(pair, 'L3', { warehouse: 'WH1' });
    await store.recordPage(first, pair, page({ A: '5', B: '3', C: '1' }, { A: '5', B: '4' }));
    await store.finishRun(first, { counts: page({}, {}).counts, erpCalls: 2, halted: false });
    expect(await statuses()).toEqual({ B: 'open', C: 'open' });
    const [b] = await store.list(pair, { limit: 1 });
    expect(b).toMatchObject({
      entityKey: 'B',
      verdict: 'drifted',
      ownerValue: '3',
      ownerVersion: 9,
      receiverValue: '4',
      firstSeenAt: now,
      lastRunId: first,
    });

    now += 60_000;
    const second = await store.startRun(pair, 'L3', {});
    await store.recordPage(
      second,
      pair,
      page({ A: '5', B: '3', C: '1' }, { A: '6', B: '4', C: '1' }),
    );
    expect(await statuses()).toEqual({ A: 'open', B: 'open', C: 'healed' });
    const items = await store.list(pair, { status: 'open', limit: 10 });
    expect(items.map((item) => [item.entityKey, item.firstSeenAt, item.lastSeenAt])).toEqual([
      ['A', now, now],
      ['B', now - 60_000, now],
    ]);

    now += 60_000;
    const third = await store.startRun(pair, 'L3', {});
    await store.recordPage(third, pair, page({ C: '1' }, { C: '2' }));
    const [c] = await store.list(pair, { afterKey: 'B', limit: 1 });
    expect(c).toMatchObject({ entityKey: 'C', status: 'open', firstSeenAt: now });
  });

  it('leaves keys in flight or explained as they were: they were not judged', async () => {
    const other: Pair = { entityType: 'inventory-level', receiver: 'odoo-other' };
    const run = await store.startRun(other, 'L3', {});
    await store.recordPage(run, other, page({ A: '5', B: '3' }, { A: '4', B: '2' }));
    const before = await store.list(other, { limit: 10 });
    now += 1_000;
    const next = await store.startRun(other, 'L3', {});
    await store.recordPage(
      next,
      other,
      page({ A: '5', B: '3' }, { A: '5', B: '3' }, ['A'], { B: 'pending-retry' }),
    );
    // A is in flight: not judged, its item stays; B is explained, but explanations only
    // account for a difference, and B is in sync now: healed.
    expect(
      (await store.list(other, { limit: 10 })).map((item) => [item.status, item.lastRunId]),
    ).toEqual([
      ['open', run],
      ['healed', next],
    ]);
    const third = await store.startRun(other, 'L3', {});
    await store.recordPage(third, other, page({ A: '5' }, { A: '7' }, ['A']));
    const [a] = await store.list(other, { limit: 1 });
    expect(a).toMatchObject({ status: 'open', receiverValue: '4', lastRunId: run });
    expect(before).toHaveLength(2);
  });

  it('keeps an ignored item ignored while it drifts, and heals it once in sync', async () => {
    const ignoredPair: Pair = { entityType: 'inventory-level', receiver: 'odoo-ignored' };
    const run = await store.startRun(ignoredPair, 'L3', {});
    await store.recordPage(run, ignoredPair, page({ A: '5' }, { A: '4' }));
    expect(await store.setStatus(ignoredPair, 'A', 'ignored', 'jwt:idp#alice')).toBe(true);
    await store.recordPage(run, ignoredPair, page({ A: '5' }, { A: '3' }));
    expect((await store.list(ignoredPair, { limit: 1 }))[0]).toMatchObject({
      status: 'ignored',
      receiverValue: '3',
      updatedBy: 'jwt:idp#alice',
    });
    await store.recordPage(run, ignoredPair, page({ A: '5' }, { A: '5' }));
    expect((await store.list(ignoredPair, { limit: 1 }))[0]?.status).toBe('healed');
    expect(await store.setStatus(ignoredPair, 'A', 'open', 'jwt:idp#alice')).toBe(false);
    expect(await store.setStatus(ignoredPair, 'nope', 'ignored', 'jwt:idp#alice')).toBe(false);
  });

  it('halts a run for approval once, and sums up each pair', async () => {
    const halted: Pair = { entityType: 'inventory-level', receiver: 'odoo-halted' };
    const run = await store.startRun(halted, 'L3', {});
    const comparison = page({ A: '5', B: '5' }, { A: '4', B: '4' });
    await store.recordPage(run, halted, comparison);
    await store.finishRun(run, { counts: comparison.counts, erpCalls: 1, halted: true });
    expect(await store.approve(run, 'jwt:idp#bob')).toBe(true);
    expect(await store.approve(run, 'jwt:idp#bob')).toBe(false);

    const summary = (await store.summary()).find((row) => row.receiver === 'odoo-halted');
    expect(summary).toEqual({
      ...halted,
      open: 2,
      ignored: 0,
      lastRun: { id: run, level: 'L3', state: 'halted', startedAt: now, finishedAt: now },
    });
  });
});
