import { DriftStore, type Pair } from '../store/drift-store';
import { OwnerLedger } from '../store/owner-ledger';
import { inventoryEntry } from '../testing/inventory-entry';
import { mapReceiverDeps } from '../testing/map-receiver';
import { reconciliationSchema, type ReconciliationSchema } from '../testing/reconciliation-schema';
import { runFullCompare, warehouseScope, type FullCompareDeps } from './full-compare';

const pair: Pair = { entityType: 'inventory-level', receiver: 'odoo-l3-scoped' };
const skus = (warehouse: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${warehouse}:SKU-${String(i)}`);
// WH10 starts with WH1 (and sorts before `WH1:`): a scope of warehouse WH1 must not reach it.
const keys = [...skus('WH1', 5), ...skus('WH10', 2), ...skus('WH2', 5)];

describe('runFullCompare (L3) scoped to part of the keys, on Postgres', () => {
  let db: ReconciliationSchema;
  let now = 1_800_000_000_000;
  const clock = { now: () => now };
  let ledger: OwnerLedger;
  let drift: DriftStore;
  const receiver = new Map(keys.map((key) => [key, '10']));

  beforeAll(async () => {
    db = await reconciliationSchema('l3scope');
    ledger = new OwnerLedger(db.dataSource, clock);
    drift = new DriftStore(db.dataSource, clock);
    await ledger.record(
      pair.receiver,
      keys.map((key) => inventoryEntry(pair, key, 1, '10')),
    );
    now += 1_000;
  });

  afterAll(() => db.close());

  function run(keyScope?: FullCompareDeps['keyScope']) {
    const { full, reads } = mapReceiverDeps(
      { pair, ledger, drift, clock, tick: () => (now += 10) },
      receiver,
      { pageSize: 2, ...(keyScope === undefined ? {} : { keyScope }) },
    );
    return { reads, done: runFullCompare(full, new AbortController().signal) };
  }

  const openItems = async () =>
    (await drift.list(pair, { status: 'open', limit: 50 })).map((item) => item.entityKey);

  it('a run scoped to one warehouse reads, judges and heals only that warehouse', async () => {
    // An unscoped run first: WH2:SKU-1 drifted, an open item.
    receiver.set('WH2:SKU-1', '4');
    await run().done;
    expect(await openItems()).toEqual(['WH2:SKU-1']);

    // Now WH2:SKU-1 is back in step, and one key of each warehouse drifts.
    receiver.set('WH2:SKU-1', '10');
    receiver.set('WH1:SKU-2', '7');
    receiver.set('WH2:SKU-3', '8');
    const { reads, done } = run(warehouseScope('WH1'));
    const report = await done;

    expect(reads.flat()).toEqual(skus('WH1', 5));
    expect(report).toMatchObject({ compared: 5, erpCalls: 3 });
    expect(report.counts).toMatchObject({ 'in-sync': 4, drifted: 1 });
    // WH2's items are as the last look at them left them: SKU-1 still open, SKU-3 not found.
    expect(await openItems()).toEqual(['WH1:SKU-2', 'WH2:SKU-1']);
    const recorded = await drift.run(report.runId);
    expect(recorded?.scope).toEqual({ fromKey: 'WH1:', toKey: 'WH1:\uffff' });
  });

  it('a run scoped to a key range takes both bounds as inclusive', async () => {
    const { reads, done } = run({ fromKey: 'WH1:SKU-4', toKey: 'WH2:SKU-1' });
    const report = await done;

    expect(reads.flat()).toEqual(['WH1:SKU-4', 'WH2:SKU-0', 'WH2:SKU-1']);
    expect(report.compared).toBe(3);
    // WH2:SKU-1 was judged in step: its item heals; WH2:SKU-3 lies outside and is still unseen.
    expect(await openItems()).toEqual(['WH1:SKU-2']);
  });
});
