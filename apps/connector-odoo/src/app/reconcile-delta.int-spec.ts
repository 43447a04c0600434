/**
 * The receiver delta (L2) against Odoo and the operator's routes (issue #22): an Odoo user
 * edits one quant by hand and adds stock of a product the WMS never counted; the delta reads
 * only the quants written since the last one, repairs the hand edit through the write path
 * and reports the other as unknown to the owner, never writing it. The admin routes answer
 * only with the token, and a type Odoo owns is no pair of this connector: nothing is ever
 * repaired towards an owner.
 */
import type { ReconcileReport } from '@hub/connector-runtime';
import { eventually } from '@hub/connector-testing';
import { inventoryLevel } from '../testing/canonical-fixtures';
import { ConnectorHarness } from '../testing/connector-harness';
import { onHand, WAREHOUSE } from '../testing/odoo-sim-fixture';

const TOKEN = 'reconcile-admin-token-for-the-int-spec';
let harness: ConnectorHarness;

beforeAll(async () => {
  harness = await ConnectorHarness.start({
    CONNECTOR_RECONCILE: 'repair',
    CONNECTOR_RECONCILE_ADMIN_TOKEN: TOKEN,
  });
});
afterAll(() => harness.close());

async function pass(level: 'L2' | 'L3'): Promise<ReconcileReport> {
  const [report] = await harness.app.runtime.reconcileNow(level);
  if (report === undefined) throw new Error('no reconciliation report');
  return report;
}

function route(method: 'GET' | 'POST', url: string, token = TOKEN) {
  return harness.app.server.inject({
    method,
    url: `/reconciliation${url}`,
    headers: { authorization: `Bearer ${token}`, 'x-hub-actor': 'ops@example.com' },
  });
}

describe('connector-odoo receiver delta (L2) and the reconciliation routes', () => {
  it('finds a hand edit and stock the WMS never counted, repairs the one and only reports the other', async () => {
    const now = Date.now();
    await harness.publish([
      inventoryLevel('SKU-1001', '42', now, harness.source),
      inventoryLevel('SKU-1002', '9', now, harness.source),
    ]);
    await eventually(
      async () => (await pass('L3')).counts['in-sync'] === 2,
      () => 'both levels applied and in the ledger',
    );
    const baseline = await pass('L2');
    expect(baseline.counts).toMatchObject({ 'in-sync': 2, drifted: 0, 'unknown-to-owner': 0 });
    // Odoo keeps whole seconds and a delta reads its last second again: SKU-1002 is touched
    // a second later (same quantity), so the next delta starts after SKU-1001's write.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    harness.sim.odoo.setOnHand('SKU-1002', WAREHOUSE, 9);
    expect((await pass('L2')).counts).toMatchObject({ drifted: 0, 'unknown-to-owner': 0 });

    harness.sim.odoo.setOnHand('SKU-1002', WAREHOUSE, 11);
    harness.sim.odoo.setOnHand('SKU-1003', WAREHOUSE, 4);
    harness.sim.odoo.resetCalls();
    const delta = await pass('L2');

    // Only the two quants written since the last delta are judged, not SKU-1001's.
    expect(delta).toMatchObject({
      level: 'L2',
      compared: 2,
      halted: false,
      repairs: { succeeded: 1 },
    });
    expect(delta.counts).toMatchObject({ drifted: 1, 'unknown-to-owner': 1 });
    // Warehouses, quants written since, their products; then the values: products, quants.
    expect(delta.erpCalls).toBe(5);
    expect(harness.sim.odoo.callCount('stock.quant', 'search_read')).toBe(2);
    expect(onHand(harness.sim, 'SKU-1002')).toBe(9);
    expect(onHand(harness.sim, 'SKU-1003')).toBe(4);

    const metrics = (await harness.app.server.inject({ method: 'GET', url: '/metrics' })).body;
    const pair = `entity_type="inventory-level",receiver="${harness.system}"`;
    expect(metrics).toContain(`hub_recon_keys_total{${pair},level="L2",verdict="drifted"} 1`);
    expect(metrics).toContain(`hub_recon_repairs_total{${pair},outcome="succeeded"} 1`);
    expect(metrics).toMatch(new RegExp(`hub_recon_erp_calls_sum\\{${pair},level="L2"\\} \\d+`));

    const open = await route('GET', '/inventory-level/items?status=open');
    expect(open.statusCode).toBe(200);
    const items = open.json<{ items: { entityKey: string; verdict: string }[] }>().items;
    expect(items.map((item) => [item.entityKey, item.verdict])).toEqual([
      [`${WAREHOUSE}:SKU-1002`, 'drifted'],
      [`${WAREHOUSE}:SKU-1003`, 'unknown-to-owner'],
    ]);

    // The repair's own quant write shows in the next delta: in step, the item heals.
    const after = await pass('L2');
    expect(after.counts).toMatchObject({ drifted: 0 });
    const still = await route('GET', '/inventory-level/items?status=open');
    expect(still.json<{ items: { entityKey: string }[] }>().items.map((i) => i.entityKey)).toEqual([
      `${WAREHOUSE}:SKU-1003`,
    ]);
  });

  it('lets an operator ignore, re-check and try to repair an item, and refuses what it should', async () => {
    const key = encodeURIComponent(`${WAREHOUSE}:SKU-1003`);
    const unauthorized = await route('GET', '', 'not-the-token-not-the-token');
    expect(unauthorized.statusCode).toBe(401);
    expect(unauthorized.headers['content-type']).toContain('application/problem+json');

    const overview = await route('GET', '');
    expect(overview.json()).toMatchObject({
      mode: 'repair',
      levels: ['L0', 'L2', 'L3'],
      entityTypes: ['inventory-level'],
    });

    const notRepaired = await route('POST', `/inventory-level/items/${key}/repair`);
    expect(notRepaired.statusCode).toBe(200);
    expect(notRepaired.json()).toMatchObject({ repairs: {} });
    expect(onHand(harness.sim, 'SKU-1003')).toBe(4);

    const ignored = await route('POST', `/inventory-level/items/${key}/ignore`);
    expect(ignored.json()).toEqual({
      entityType: 'inventory-level',
      key: `${WAREHOUSE}:SKU-1003`,
      status: 'ignored',
    });

    harness.sim.odoo.setOnHand('SKU-1003', WAREHOUSE, 0);
    const rechecked = await route('POST', `/inventory-level/items/${key}/recheck`);
    expect(rechecked.json()).toMatchObject({
      items: [{ entityKey: `${WAREHOUSE}:SKU-1003`, status: 'ignored', receiverValue: '0' }],
    });

    // Odoo owns purchase orders: this connector has no such pair, so nothing goes towards it.
    const towardsOwner = await route('POST', '/purchase-order/items/P00001/repair');
    expect(towardsOwner.statusCode).toBe(404);
    expect(towardsOwner.json()).toMatchObject({ code: 'UNKNOWN_PAIR' });
  });
});
