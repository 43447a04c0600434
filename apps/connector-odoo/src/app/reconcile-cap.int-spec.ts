/**
 * The drift cap against Odoo (issue #22): when a third of a warehouse's quants differ from
 * the owner at once (the sign of a misconfigured pair, e.g. the wrong warehouse mapped, not
 * of drift), a pass in repair mode halts and writes nothing; an operator approves the run on
 * the admin route and only then are the keys written back, once each.
 */
import type { ReconcileReport } from '@hub/connector-runtime';
import { eventually } from '@hub/connector-testing';
import { inventoryLevel } from '../testing/canonical-fixtures';
import { ConnectorHarness } from '../testing/connector-harness';
import { onHand, standardSeed, startOdooSim, WAREHOUSE } from '../testing/odoo-sim-fixture';

const TOKEN = 'reconcile-admin-token-for-the-cap-spec';
const skus = Array.from({ length: 60 }, (_, i) => `SKU-C${String(i).padStart(3, '0')}`);
let harness: ConnectorHarness;

beforeAll(async () => {
  const sim = await startOdooSim({
    ...standardSeed,
    products: skus.map((sku) => ({ default_code: sku, name: sku })),
    quants: [],
  });
  harness = await ConnectorHarness.startWith(sim, {
    CONNECTOR_RECONCILE: 'repair',
    CONNECTOR_RECONCILE_ADMIN_TOKEN: TOKEN,
  });
});
afterAll(() => harness.close());

async function fullPass(): Promise<ReconcileReport> {
  const [report] = await harness.app.runtime.reconcileNow('L3');
  if (report === undefined) throw new Error('no reconciliation report');
  return report;
}

describe('connector-odoo reconciliation: the drift cap', () => {
  it('halts a pass where a third of the keys drifted, and repairs them only once approved', async () => {
    const now = Date.now();
    await harness.publish(skus.map((sku) => inventoryLevel(sku, '10', now, harness.source)));
    await eventually(
      async () => (await fullPass()).counts['in-sync'] === skus.length,
      () => 'every level applied and in the ledger',
    );
    const moved = skus.slice(0, 20);
    for (const sku of moved) harness.sim.odoo.setOnHand(sku, WAREHOUSE, 3);

    const halted = await fullPass();
    expect(halted).toMatchObject({ halted: true, counts: { drifted: 20, 'in-sync': 40 } });
    expect(halted.repairs).toBeUndefined();
    expect(moved.map((sku) => onHand(harness.sim, sku))).toEqual(moved.map(() => 3));

    const approve = (runId: string) =>
      harness.app.server.inject({
        method: 'POST',
        url: `/reconciliation/runs/${runId}/approve`,
        headers: { authorization: `Bearer ${TOKEN}`, 'x-hub-actor': 'ops@example.com' },
      });
    const approved = await approve(halted.runId);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toEqual({
      runId: halted.runId,
      approvedBy: 'ops@example.com',
      repairs: { succeeded: 20 },
    });
    expect(moved.map((sku) => onHand(harness.sim, sku))).toEqual(moved.map(() => 10));
    // Approved once: a second approval is refused, nothing written twice.
    expect((await approve(halted.runId)).statusCode).toBe(404);
    expect(await fullPass()).toMatchObject({ halted: false, counts: { drifted: 0 } });
  });
});
