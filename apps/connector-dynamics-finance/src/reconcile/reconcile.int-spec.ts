/**
 * Reconciliation against the F&O simulator (CONNECTOR_RECONCILE=repair): levels go through
 * the hub into F&O as posted counting journals, an F&O user then changes one item's on-hand
 * by hand, and the full comparison (L3) finds exactly that item, reading each ledger page's
 * items of warehouse 11 in usmf as one range of WarehousesOnHandV2 (followed through
 * `@odata.nextLink` at the server's page size), and counts it back through the write path once.
 */
import type { ReconcileReport } from '@hub/connector-runtime';
import { eventually } from '@hub/connector-testing';
import { inventoryLevel, WAREHOUSE } from '../testing/fixtures';
import { FoHarness } from '../testing/fo-harness';

const ITEMS = Array.from({ length: 12 }, (_, i) => `I-${String(i + 1).padStart(3, '0')}`);
const quantityOf = (i: number) => String(20 + i);

let harness: FoHarness;

beforeAll(async () => {
  harness = await FoHarness.start(
    { CONNECTOR_RECONCILE: 'repair', CONNECTOR_RECONCILE_PAGE_SIZE: '8' },
    {
      // Five rows a server page, so the first ledger page's range takes two requests.
      pageSize: 5,
      seed: {
        legalEntities: ['usmf', 'demf'],
        warehouses: [
          { warehouseId: '11', siteId: '1' },
          { warehouseId: '12', siteId: '1' },
          { dataAreaId: 'demf', warehouseId: '11', siteId: '1' },
        ],
        journalNames: ['ICnt'],
        items: [
          ...ITEMS.map((itemNumber) => ({ itemNumber, unit: 'ea' })),
          { dataAreaId: 'demf', itemNumber: 'I-003', unit: 'ea' },
        ],
      },
    },
  );
  // The same item in another warehouse and in another legal entity is not warehouse 11's.
  harness.fo.store.onHand.set('usmf|I-002|12', 70);
  harness.fo.store.onHand.set('demf|I-003|11', 90);
});
afterAll(() => harness.close());

async function fullPass(): Promise<ReconcileReport> {
  const [report] = await harness.app.runtime.reconcileNow('L3');
  if (report === undefined) throw new Error('no reconciliation report');
  return report;
}

const onHandReads = () =>
  harness.fo.requests.filter((r) => r.method === 'GET' && r.target === 'WarehousesOnHandV2').length;
const postings = () => harness.fo.store.journals.filter((j) => j.posted).length;

describe('connector-dynamics-finance reconciliation (L3, repair)', () => {
  it('finds the item whose on-hand changed by hand, one range a page, and counts it back once', async () => {
    await harness.publish(
      ITEMS.map((item, i) => inventoryLevel(item, quantityOf(i), harness.source)),
    );
    await eventually(
      async () => (await fullPass()).counts['in-sync'] === ITEMS.length,
      () => 'the 12 levels posted in F&O and in the ledger',
    );

    harness.fo.store.onHand.set(`usmf|I-005|${WAREHOUSE}`, 2);
    const readsBefore = onHandReads();
    const postingsBefore = postings();
    const report = await fullPass();

    expect(report).toMatchObject({
      compared: 12,
      erpCalls: 2,
      halted: false,
      counts: { 'in-sync': 11, drifted: 1, 'missing-at-receiver': 0, explained: 0 },
      repairs: { succeeded: 1 },
    });
    // Page 1: I-001..008 (8 rows, two server pages); page 2: I-009..012 (one).
    expect(onHandReads() - readsBefore).toBe(3);
    expect(harness.fo.store.onHandOf('I-005', WAREHOUSE)).toBe(24);
    expect(postings() - postingsBefore).toBe(1);

    const after = await fullPass();
    expect(after.counts).toMatchObject({ 'in-sync': 12, drifted: 0 });
    expect(postings() - postingsBefore).toBe(1);
  });
});
