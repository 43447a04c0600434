/**
 * Reconciliation against the Business Central simulator (CONNECTOR_RECONCILE=repair): levels
 * go through the hub into BC, a BC user then posts an adjustment by hand, and the full
 * comparison (L3) finds exactly that item, reading each ledger page's items of a location as
 * one range of `hubItemInventories` (followed through `@odata.nextLink` at the server's page
 * size), and sets it back through the write path once. The receiver delta (L2) finds a later
 * hand adjustment from the item ledger's entries since the last delta alone.
 */
import type { ReconcileReport } from '@hub/connector-runtime';
import { eventually } from '@hub/connector-testing';
import { BcHarness, bcSim } from '../testing/bc-harness';

const ITEMS = Array.from({ length: 24 }, (_, i) => `ITEM-${String(i + 1).padStart(3, '0')}`);
const quantityOf = (i: number) => String(10 + i);

let harness: BcHarness;

beforeAll(async () => {
  harness = await BcHarness.start(
    bcSim({
      // A server page of 10 rows, so one location's range of a ledger page takes two requests.
      maxPageSize: 10,
      companies: [
        {
          name: 'CRONUS',
          locations: ['MAIN', 'EAST'],
          items: [...ITEMS, 'OTHER-1'].map((number) => ({ number })),
          stock: { 'ITEM-001': { MAIN: 4 } },
        },
      ],
    }),
    { CONNECTOR_RECONCILE: 'repair', CONNECTOR_RECONCILE_PAGE_SIZE: '20' },
  );
});
afterAll(() => harness.close());

async function pass(level: 'L2' | 'L3'): Promise<ReconcileReport> {
  const [report] = await harness.app.runtime.reconcileNow(level);
  if (report === undefined) throw new Error('no reconciliation report');
  return report;
}

const inventoryReads = () =>
  harness.bc.requests.filter((request) => request === 'GET hubItemInventories').length;

describe('connector-business-central reconciliation (L3, repair)', () => {
  it('finds the item a BC user adjusted by hand, reads a page per location range, and repairs it once', async () => {
    await harness.publish([
      ...ITEMS.slice(0, 2).map((item, i) => harness.level(item, quantityOf(i), 'EAST')),
      ...ITEMS.map((item, i) => harness.level(item, quantityOf(i))),
    ]);
    await eventually(
      async () => (await pass('L3')).counts['in-sync'] === ITEMS.length + 2,
      () => 'the 26 levels applied in BC and in the ledger',
    );

    const company = harness.bc.company('CRONUS');
    harness.bc.store.post(company, 'ITEM-007', 'MAIN', 5, 'Positive Adjmt.', 'HAND-1');
    const writesBefore = company.inventoryWrites.length;
    const readsBefore = inventoryReads();
    const report = await pass('L3');

    expect(report).toMatchObject({
      compared: 26,
      erpCalls: 2,
      halted: false,
      counts: { 'in-sync': 25, drifted: 1, 'missing-at-receiver': 0, explained: 0 },
      repairs: { succeeded: 1 },
    });
    // Ledger page 1: EAST (2 items, one request) and MAIN ITEM-001..018 (18 rows: two server
    // pages); page 2: MAIN ITEM-019..024 (one request). No item needed a second look.
    expect(inventoryReads() - readsBefore).toBe(4);
    expect(harness.bc.onHand('CRONUS', 'ITEM-007', 'MAIN')).toBe(16);
    expect(company.inventoryWrites.length - writesBefore).toBe(1);

    const after = await pass('L3');
    expect(after.counts).toMatchObject({ 'in-sync': 26, drifted: 0 });
    expect(after.repairs).toBeUndefined();
    expect(company.inventoryWrites.length - writesBefore).toBe(1);
  });

  it('finds a later hand adjustment from the item ledger entries since the last delta (L2) and repairs it', async () => {
    const baseline = await pass('L2');
    expect(baseline.counts).toMatchObject({ drifted: 0, 'unknown-to-owner': 0 });

    const company = harness.bc.company('CRONUS');
    harness.bc.store.post(company, 'ITEM-012', 'MAIN', -4, 'Negative Adjmt.', 'HAND-2');
    harness.bc.store.post(company, 'OTHER-1', 'MAIN', 2, 'Positive Adjmt.', 'HAND-3');
    const writesBefore = company.inventoryWrites.length;
    const ledgerReads = () =>
      harness.bc.requests.filter((request) => request === 'GET hubItemLedgerEntries').length;
    const readsBefore = [ledgerReads(), inventoryReads()];
    const delta = await pass('L2');

    expect(delta).toMatchObject({ level: 'L2', halted: false, repairs: { succeeded: 1 } });
    // The hand edit is drift; an item the WMS never counted is reported, not written.
    expect(delta.counts).toMatchObject({ drifted: 1, 'unknown-to-owner': 1 });
    // One ledger read for the one company; the keys at MAIN (ITEM-007, re-read at the last
    // delta's end, to OTHER-1) as one range of 19 items: two 10-row server pages.
    expect([
      ledgerReads() - (readsBefore[0] ?? 0),
      inventoryReads() - (readsBefore[1] ?? 0),
    ]).toEqual([1, 2]);
    expect(delta.erpCalls).toBe(3);
    expect(harness.bc.onHand('CRONUS', 'ITEM-012', 'MAIN')).toBe(21);
    expect(harness.bc.onHand('CRONUS', 'OTHER-1', 'MAIN')).toBe(2);
    expect(company.inventoryWrites.length - writesBefore).toBe(1);
  });
});
