import { sameQuantity } from '../compare/decimal';
import { inventoryQuantityOf } from '../compare/inventory';
import { DriftStore, type Pair } from '../store/drift-store';
import { OwnerLedger, type LedgerEntry } from '../store/owner-ledger';
import { appliedFirstLevels } from '../testing/applied-as';
import { inventoryEntry } from '../testing/inventory-entry';
import { reconciliationSchema, type ReconciliationSchema } from '../testing/reconciliation-schema';
import {
  runReceiverDelta,
  type ReceiverChangePage,
  type ReceiverDeltaDeps,
} from './receiver-delta';

const pair: Pair = { entityType: 'inventory-level', receiver: 'odoo-l2' };
const keys = Array.from({ length: 6 }, (_, i) => `WH1:SKU-${String(i)}`);

const level = (key: string, version: number, quantity: string): LedgerEntry =>
  inventoryEntry(pair, key, version, quantity);

/** A receiver whose rows carry a change time, read in change-time order like Odoo's write_date. */
class Receiver {
  readonly rows = new Map<string, { value: string; at: number }>();
  readonly reads: number[] = [];
  set(key: string, value: string, at: number): void {
    this.rows.set(key, { value, at });
  }
  read(since: number, limit: number): ReceiverChangePage {
    this.reads.push(since);
    const changed = [...this.rows]
      .filter(([, row]) => row.at >= since)
      .sort(([, a], [, b]) => a.at - b.at)
      .slice(0, limit);
    return {
      values: new Map(changed.map(([key, row]) => [key, row.value])),
      until: Math.max(since, ...changed.map(([, row]) => row.at)),
      calls: 1,
    };
  }
}

describe('runReceiverDelta (L2) on Postgres', () => {
  let db: ReconciliationSchema;
  let now = 1_800_000_000_000;
  const clock = { now: () => now };
  let ledger: OwnerLedger;
  let drift: DriftStore;
  const receiver = new Receiver();

  beforeAll(async () => {
    db = await reconciliationSchema('l2');
    ledger = new OwnerLedger(db.dataSource, clock);
    drift = new DriftStore(db.dataSource, clock);
    await ledger.record(
      pair.receiver,
      keys.map((key) => level(key, 1, '10')),
    );
    for (const key of keys) receiver.set(key, '10', now);
    now += 1_000;
  });

  afterAll(() => db.close());

  function deps(overrides: Partial<ReceiverDeltaDeps> = {}): ReceiverDeltaDeps {
    return {
      pair,
      ledger,
      drift,
      readChanges: (since, limit) => {
        now += 10;
        return Promise.resolve(receiver.read(since, limit));
      },
      applied: appliedFirstLevels(),
      comparable: inventoryQuantityOf,
      same: sameQuantity,
      firstSince: now - 500,
      pageSize: 2,
      maxPages: 10,
      clock,
      ...overrides,
    };
  }

  it('judges only what the receiver changed since: a hand edit and a key the owner never published', async () => {
    const edited = now;
    receiver.set('WH1:SKU-2', '7', edited);
    receiver.set('WH1:SKU-9', '4', edited + 1);
    receiver.set('WH1:SKU-4', '10.000', edited + 2);

    const report = await runReceiverDelta(deps(), new AbortController().signal);

    // Pages of 2 from the last change time on: SKU-2 and 9, then 9 again and 4, then 4 alone.
    expect(report).toMatchObject({ compared: 3, erpCalls: 3, halted: false, until: edited + 2 });
    expect(report.counts).toMatchObject({ 'in-sync': 1, drifted: 1, 'unknown-to-owner': 1 });
    const items = await drift.list(pair, { limit: 10 });
    expect(
      items.map((item) => [item.entityKey, item.verdict, item.ownerValue, item.receiverValue]),
    ).toEqual([
      ['WH1:SKU-2', 'drifted', '10', '7'],
      ['WH1:SKU-9', 'unknown-to-owner', null, '4'],
    ]);
  });

  it('starts where the last delta stopped, and leaves keys in flight or not yet applied unjudged', async () => {
    const from = (await drift.lastDeltaUntil(pair)) ?? 0;
    now += 1_000;
    receiver.set('WH1:SKU-0', '3', now);
    receiver.set('WH1:SKU-1', '5', now);
    receiver.reads.length = 0;
    const report = await runReceiverDelta(
      deps({
        readChanges: async (since, limit) => {
          // The WMS counts SKU-0 again while the receiver is being read.
          await ledger.record(pair.receiver, [level('WH1:SKU-0', 2, '3')]);
          now += 10;
          return receiver.read(since, limit);
        },
        applied: appliedFirstLevels(['WH1:SKU-1']),
      }),
      new AbortController().signal,
    );

    expect(receiver.reads[0]).toBe(from);
    expect(report.since).toBe(from);
    // SKU-4, changed at `from`, is read again; SKU-0 moved during the read, SKU-1 is not applied yet.
    expect(report.counts).toMatchObject({ 'in-flight': 1, explained: 1, drifted: 0 });
    const open = await drift.list(pair, { status: 'open', limit: 10 });
    expect(open.map((item) => item.entityKey)).toEqual(['WH1:SKU-2', 'WH1:SKU-9']);
  });

  it('halts a pair whose delta is mostly drift (a misconfigured pair)', async () => {
    now += 1_000;
    for (const key of keys) receiver.set(key, '99', now);
    const report = await runReceiverDelta(
      deps({ pageSize: 100, cap: { share: 0.2, minimumCompared: 5 } }),
      new AbortController().signal,
    );
    expect(report).toMatchObject({ halted: true });
    const [run] = await drift.runsOf(pair, 1);
    expect(run).toMatchObject({ id: report.runId, level: 'L2', state: 'halted' });
    expect(await drift.approve(report.runId, 'operator@example.com')).toBe(true);
  });
});
