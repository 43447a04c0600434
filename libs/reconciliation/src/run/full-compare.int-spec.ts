import { DriftStore, type Pair } from '../store/drift-store';
import { OwnerLedger, type LedgerEntry } from '../store/owner-ledger';
import { runFullCompare, type FullCompareDeps } from './full-compare';
import { inventoryEntry } from '../testing/inventory-entry';
import { reconciliationSchema, type ReconciliationSchema } from '../testing/reconciliation-schema';
import { appliedFirstLevels } from '../testing/applied-as';
import { mapReceiverDeps } from '../testing/map-receiver';

const pair: Pair = { entityType: 'inventory-level', receiver: 'odoo-l3' };
const keys = Array.from({ length: 10 }, (_, i) => `WH1:SKU-${String(i)}`);

const level = (key: string, version: number, quantity: string): LedgerEntry =>
  inventoryEntry(pair, key, version, quantity);

describe('runFullCompare (L3) on Postgres', () => {
  let db: ReconciliationSchema;
  let now = 1_800_000_000_000;
  const clock = { now: () => now };
  let ledger: OwnerLedger;
  let drift: DriftStore;

  beforeAll(async () => {
    db = await reconciliationSchema('l3');
    ledger = new OwnerLedger(db.dataSource, clock);
    drift = new DriftStore(db.dataSource, clock);
    await ledger.record(
      pair.receiver,
      keys.map((key) => level(key, 1, '10')),
    );
  });

  afterAll(() => db.close());

  const deps = (receiver: Map<string, string>, overrides: Partial<FullCompareDeps> = {}) =>
    mapReceiverDeps({ pair, ledger, drift, clock, tick: () => (now += 10) }, receiver, overrides);

  it('finds a drifted key and a missing one, in one batched read per page, and judges nothing in flight or not yet applied', async () => {
    now += 1_000; // the ledger was filled before this run
    const receiver = new Map(keys.map((key) => [key, '10.000']));
    receiver.set('WH1:SKU-3', '7');
    receiver.delete('WH1:SKU-5');
    receiver.set('WH1:SKU-7', '8');
    receiver.set('WH1:SKU-8', '9');
    const { full, reads } = deps(receiver, {
      applied: appliedFirstLevels(['WH1:SKU-7']),
      readReceiver: async (pageKeys) => {
        reads.push([...pageKeys]);
        // The WMS counts SKU-8 again while its page is being read.
        if (pageKeys.includes('WH1:SKU-8'))
          await ledger.record(pair.receiver, [level('WH1:SKU-8', 2, '9')]);
        now += 10;
        return new Map(
          pageKeys.flatMap((key) => (receiver.has(key) ? [[key, receiver.get(key) ?? '']] : [])),
        );
      },
    });

    const report = await runFullCompare(full, new AbortController().signal);

    expect(reads).toHaveLength(3);
    expect(reads.flat()).toEqual(keys.slice().sort());
    expect(report).toMatchObject({ compared: 10, erpCalls: 3, halted: false });
    expect(report.counts).toEqual({
      'in-sync': 6,
      drifted: 1,
      'missing-at-receiver': 1,
      'unknown-to-owner': 0,
      undelivered: 0,
      'in-flight': 1,
      explained: 1,
    });
    const items = await drift.list(pair, { limit: 10 });
    expect(
      items.map((item) => [item.entityKey, item.verdict, item.ownerValue, item.receiverValue]),
    ).toEqual([
      ['WH1:SKU-3', 'drifted', '10', '7'],
      ['WH1:SKU-5', 'missing-at-receiver', '10', null],
    ]);
    const [summary] = await drift.summary();
    expect(summary?.lastRun).toMatchObject({ id: report.runId, level: 'L3', state: 'finished' });
  });

  it('halts a run whose drift exceeds the cap', async () => {
    const receiver = new Map(keys.map((key) => [key, '11']));
    const { full } = deps(receiver, { cap: { share: 0.2, minimumCompared: 5 } });
    const report = await runFullCompare(full, new AbortController().signal);
    expect(report.halted).toBe(true);
    const [summary] = await drift.summary();
    expect(summary?.lastRun).toMatchObject({ id: report.runId, state: 'halted' });
  });

  it('marks the run failed when the receiver cannot be read, and throws', async () => {
    const { full } = deps(new Map(), {
      readReceiver: () => Promise.reject(new Error('ERP down')),
    });
    await expect(runFullCompare(full, new AbortController().signal)).rejects.toThrow('ERP down');
    const [summary] = await drift.summary();
    expect(summary?.lastRun?.state).toBe('failed');
  });
});
