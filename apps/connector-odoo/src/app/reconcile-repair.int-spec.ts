/**
 * One-way repair against Odoo (CONNECTOR_RECONCILE=repair): the quant an Odoo user changed
 * by hand is set back to the owner's level through the write path, once, under a repair
 * correlation id of its own; the next pass finds Odoo in step and heals the item. A repaired
 * quant stays under watch: edited by hand again, the next pass finds it and repairs it again.
 */
import { repairCorrelationIdPrefix } from '@hub/contracts';
import type { ReconcileReport } from '@hub/connector-runtime';
import { eventually } from '@hub/connector-testing';
import { inventoryLevel } from '../testing/canonical-fixtures';
import { ConnectorHarness } from '../testing/connector-harness';
import { onHand, WAREHOUSE } from '../testing/odoo-sim-fixture';

let harness: ConnectorHarness;

beforeAll(async () => {
  harness = await ConnectorHarness.start({ CONNECTOR_RECONCILE: 'repair' });
});
afterAll(() => harness.close());

async function fullPass(): Promise<ReconcileReport> {
  const [report] = await harness.app.runtime.reconcileNow('L3');
  if (report === undefined) throw new Error('no reconciliation report');
  return report;
}

describe('connector-odoo reconciliation (repair)', () => {
  it("writes the owner's level back over a hand edit, once, and then finds Odoo in step", async () => {
    const now = Date.now();
    await harness.publish([
      inventoryLevel('SKU-1001', '42', now, harness.source),
      inventoryLevel('SKU-1002', '9', now, harness.source),
    ]);
    await eventually(
      async () => {
        const report = await fullPass();
        return report.counts['in-sync'] === 2;
      },
      () => 'both levels applied and in the ledger',
    );

    harness.sim.odoo.setOnHand('SKU-1002', WAREHOUSE, 11);
    harness.sim.odoo.resetCalls();
    const repairing = await fullPass();

    expect(repairing.counts).toMatchObject({ 'in-sync': 1, drifted: 1 });
    expect(repairing.repairs).toEqual({ succeeded: 1 });
    expect(onHand(harness.sim, 'SKU-1002')).toBe(9);
    expect(harness.sim.odoo.callCount('stock.quant', 'action_apply_inventory')).toBe(1);
    const [quant] = harness.sim.odoo
      .records('stock.quant')
      .filter((record) => record.quantity === 9);
    expect(quant?.x_hub_correlation_id).toEqual(
      expect.stringMatching(new RegExp(`^${repairCorrelationIdPrefix}`)),
    );

    const after = await fullPass();
    expect(after.counts).toMatchObject({ 'in-sync': 2, drifted: 0 });
    expect(after.repairs).toBeUndefined();
    expect(harness.sim.odoo.callCount('stock.quant', 'action_apply_inventory')).toBe(1);
  });

  it('finds a repaired quant that drifts again, and repairs it again', async () => {
    harness.sim.odoo.setOnHand('SKU-1002', WAREHOUSE, 13);
    harness.sim.odoo.resetCalls();

    const again = await fullPass();

    expect(again.counts).toMatchObject({ 'in-sync': 1, drifted: 1, explained: 0 });
    expect(again.repairs).toEqual({ succeeded: 1 });
    expect(onHand(harness.sim, 'SKU-1002')).toBe(9);
    expect(harness.sim.odoo.callCount('stock.quant', 'action_apply_inventory')).toBe(1);
  });
});
