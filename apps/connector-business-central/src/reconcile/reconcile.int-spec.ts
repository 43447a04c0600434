/**
 * Reconciliation against the Business Central simulator (CONNECTOR_RECONCILE=repair): levels
 * go through the hub into BC, a BC user then posts an adjustment by hand, and the full
 * comparison (L3) finds exactly that item, reading each ledger page's items of a location as
 * one range of `hubItemInventories` (followed through `@odata.nextLink` at the server's page
 * size), and sets it back through the write path once.
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

async function fullPass(): Promise<ReconcileReport> {
  const [report] = await harness.app.runtime.reconcileNow('L3');
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
      async () => (await fullPass()).counts['in-sync'] === ITEMS.length + 2,
      () => 'the 26 levels applied in BC and in the ledger',
    );

    const company = harness.bc.company('CRONUS');
    harness.bc.store.post(company, 'ITEM-007', 'MAIN', 5, 'Positive Adjmt.', 'HAND-1');
    const writesBefore = company.inventoryWrites.length;
    const readsBefore = inventoryReads();
    const report = await fullPass();

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

    const after = await fullPass();
    expect(after.counts).toMatchObject({ 'in-sync': 26, drifted: 0 });
    expect(after.repairs).toBeUndefined();
    expect(company.inventoryWrites.length - writesBefore).toBe(1);
  });
});
