/**
 * Reconciliation against the SAP simulator (CONNECTOR_RECONCILE=repair): levels go through
 * the hub into SAP as posted physical inventory documents, a stock movement outside the hub
 * then changes one material, and the full comparison (L3) finds exactly that material,
 * reading each ledger page's materials as one range of API_MATERIAL_STOCK_SRV, and counts
 * it back through the write path once.
 */
import type { ReconcileReport } from '@hub/connector-runtime';
import { eventually } from '@hub/connector-testing';
import { SapHarness } from '../testing/sap-harness';
import { PLANT, STORAGE_LOCATION, startSapSim, stockOf } from '../testing/sap-sim-fixture';

const MATERIALS = Array.from({ length: 12 }, (_, i) => `M-${String(i + 1).padStart(3, '0')}`);
const quantityOf = (i: number) => String(3 + i);

let harness: SapHarness;

beforeAll(async () => {
  const sim = await startSapSim({
    seed: {
      plants: [{ Plant: PLANT, storageLocations: [STORAGE_LOCATION, '101B'] }],
      materials: [...MATERIALS, 'OTHER'].map((Material) => ({ Material })),
      // Stock of the same material in another storage location is not this warehouse's.
      stock: [{ Material: 'M-002', Plant: PLANT, StorageLocation: '101B', quantity: 40 }],
    },
  });
  harness = await SapHarness.start(
    { CONNECTOR_RECONCILE: 'repair', CONNECTOR_RECONCILE_PAGE_SIZE: '8' },
    sim,
  );
});
afterAll(() => harness.close());

async function fullPass(): Promise<ReconcileReport> {
  const [report] = await harness.app.runtime.reconcileNow('L3');
  if (report === undefined) throw new Error('no reconciliation report');
  return report;
}

const stockReads = () => harness.sim.sap.callsTo('A_MatlStkInAcctMod', 'GET').length;
const postings = () => harness.sim.sap.callsTo('PostDifferences', 'POST').length;

describe('connector-sap reconciliation (L3, repair)', () => {
  it('finds the material whose stock moved outside the hub, one stock read a page, and counts it back once', async () => {
    await harness.publish(MATERIALS.map((material, i) => harness.level(material, quantityOf(i))));
    await eventually(
      async () => (await fullPass()).counts['in-sync'] === MATERIALS.length,
      () => 'the 12 levels posted in SAP and in the ledger',
    );

    harness.sim.sap.store.setStock('M-005', PLANT, STORAGE_LOCATION, 2);
    const readsBefore = stockReads();
    const postingsBefore = postings();
    const report = await fullPass();

    expect(report).toMatchObject({
      compared: 12,
      erpCalls: 2,
      halted: false,
      counts: { 'in-sync': 11, drifted: 1, 'missing-at-receiver': 0, explained: 0 },
      repairs: { succeeded: 1 },
    });
    // Two ledger pages (8 + 4 keys), one range read each.
    expect(stockReads() - readsBefore).toBe(2);
    expect(stockOf(harness.sim, 'M-005')).toBe(7);
    expect(postings() - postingsBefore).toBe(1);

    const after = await fullPass();
    expect(after.counts).toMatchObject({ 'in-sync': 12, drifted: 0 });
    expect(postings() - postingsBefore).toBe(1);
  });
});
