/**
 * Reconciliation against Odoo (issue #22, L3 report-only): levels go through the hub into
 * the simulated Odoo, an Odoo user then changes one quant by hand, and the full comparison
 * finds exactly that key, reading Odoo in batched calls, while a level the hub could not
 * apply (an unknown product, dead-lettered) is explained, not drift.
 */
import type { ReconcileReport } from '@hub/connector-runtime';
import { eventually } from '@hub/connector-testing';
import { inventoryLevel } from '../testing/canonical-fixtures';
import { ConnectorHarness } from '../testing/connector-harness';
import { onHand, WAREHOUSE } from '../testing/odoo-sim-fixture';

let harness: ConnectorHarness;

beforeAll(async () => {
  harness = await ConnectorHarness.start({
    CONNECTOR_RECONCILE: 'report',
    // The delivery-gap check (L0) runs every 200 ms and judges owner states older than that.
    CONNECTOR_RECONCILE_GAP_INTERVAL: '200ms',
  });
});
afterAll(() => harness.close());

async function reconcileUntil(
  settled: (report: ReconcileReport) => boolean,
  what: string,
): Promise<ReconcileReport> {
  let last: ReconcileReport | undefined;
  await eventually(
    async () => {
      [last] = await harness.app.runtime.reconcileNow();
      return last !== undefined && settled(last);
    },
    () => `${what}; last report: ${JSON.stringify(last)}`,
  );
  if (last === undefined) throw new Error('no reconciliation report');
  return last;
}

describe('connector-odoo reconciliation (L3, report only)', () => {
  it('finds the quant an Odoo user changed by hand, and only that one', async () => {
    const now = Date.now();
    await harness.publish([
      inventoryLevel('SKU-1001', '42', now, harness.source),
      inventoryLevel('SKU-1002', '9', now, harness.source),
      inventoryLevel('SKU-1003', '7', now, harness.source),
      // No such product in Odoo: dead-lettered, so the hub never applied it.
      inventoryLevel('SKU-9999', '3', now, harness.source),
    ]);
    await eventually(
      () => onHand(harness.sim, 'SKU-1001') === 42 && onHand(harness.sim, 'SKU-1003') === 7,
      () => 'the levels applied in Odoo',
    );
    const clean = await reconcileUntil(
      (report) => report.compared === 4 && report.counts['in-sync'] === 3,
      'the ledger holding the four levels and Odoo matching three',
    );
    expect(clean.counts).toMatchObject({ drifted: 0, 'missing-at-receiver': 0, explained: 1 });

    harness.sim.odoo.setOnHand('SKU-1002', WAREHOUSE, 11);
    harness.sim.odoo.resetCalls();
    const [report] = await harness.app.runtime.reconcileNow();

    expect(report).toMatchObject({
      entityType: 'inventory-level',
      compared: 4,
      erpCalls: 1,
      halted: false,
      counts: { 'in-sync': 2, drifted: 1, explained: 1, 'missing-at-receiver': 0, 'in-flight': 0 },
    });
    // One page: the products in one call and their quants in another; the location is cached.
    expect(harness.sim.odoo.callCount('product.product', 'search_read')).toBe(1);
    expect(harness.sim.odoo.callCount('stock.quant', 'search_read')).toBe(1);
    const shown = harness.app.runtime.status().lastReconcile ?? [];
    expect(shown.filter((last) => last.level === 'L3')).toEqual([report]);
    // Report only: Odoo keeps the hand-made quantity.
    expect(onHand(harness.sim, 'SKU-1002')).toBe(11);
  });

  it('finds no delivery gap from its own tables, calling nothing in Odoo (L0)', async () => {
    await new Promise((resolve) => setTimeout(resolve, 250));
    harness.sim.odoo.resetCalls();
    const [gaps] = await harness.app.runtime.reconcileNow('L0');

    expect(gaps).toMatchObject({
      level: 'L0',
      compared: 4,
      erpCalls: 0,
      // The three applied levels, and the dead-lettered one explained by its failed write.
      counts: { 'in-sync': 3, explained: 1, undelivered: 0, 'in-flight': 0 },
    });
    expect(harness.sim.odoo.calls()).toHaveLength(0);
  });
});
