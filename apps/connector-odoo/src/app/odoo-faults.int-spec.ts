/**
 * Odoo failing the way real ones do (simulator faults), seen through the adapters: what is
 * transient, what is permanent, and that a write committed before the answer failed is
 * found again instead of being repeated.
 */
import type { WriteContext } from '@hub/connector-runtime';
import type { ErpSimulator } from '@hub/erp-simulator';
import { goodsReceipt, inventoryLevel } from '../testing/canonical-fixtures';
import {
  WAREHOUSE,
  odooSettingsFor,
  seedConfirmedOrder,
  startOdooSim,
} from '../testing/odoo-sim-fixture';
import { eventually } from '@hub/connector-testing';
import { createOdooAdapters, type OdooAdapters } from './odoo-adapters';

const signal = new AbortController().signal;
const context = (id: string): WriteContext => ({
  correlationId: `c1-fault${id.padStart(27, '0')}`,
  attempt: 1,
  signal,
});

describe.each(['json-rpc', 'xml-rpc', 'json-2'])('Odoo faults over %s', (protocol) => {
  let sim: ErpSimulator;
  let adapters: OdooAdapters;

  beforeAll(async () => {
    sim = await startOdooSim();
    adapters = createOdooAdapters(odooSettingsFor(sim, protocol), 'odoo');
  });
  afterEach(() => {
    sim.odoo.clearFaults();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('500 after button_validate committed a partial receipt: the retry finds it, the backorder is not received again', async () => {
    const poNumber = `PO-F-${protocol}`;
    const poId = seedConfirmedOrder(sim, poNumber, [['SKU-1001', 3]]);
    const event = goodsReceipt(poNumber, [[1, 'SKU-1001', '1']]);
    const ctx = context(`1${protocol.length}`);
    // The first button_validate answers the backorder wizard; the second one validates and
    // commits (creating the backorder), then its answer is lost.
    sim.odoo.addFault({
      kind: 'failAfterCommit',
      model: 'stock.picking',
      method: 'button_validate',
      skip: 1,
      times: 1,
    });
    sim.odoo.resetCalls();
    await expect(adapters.write.apply(event, ctx)).rejects.toMatchObject({
      retriable: true,
      httpStatus: 500,
    });
    // The retry, as the runtime makes it: look for the prior write, apply only if none.
    const retry = { ...ctx, attempt: 2 };
    const result =
      (await adapters.write.findPriorWrite(event, retry)) ??
      (await adapters.write.apply(event, retry));
    expect(result.targetReference).toMatch(/IN\/\d+$/);
    const pickings = sim.odoo.records('stock.picking', [['purchase_id', '=', poId]]);
    const lines = sim.odoo.records('purchase.order.line', [['order_id', '=', poId]]);
    expect({
      validateCalls: sim.odoo.callCount('stock.picking', 'button_validate'),
      received: lines.map((line) => line.qty_received),
      pickings: pickings.map((p) => p.state),
    }).toEqual({ validateCalls: 2, received: [1], pickings: ['done', 'assigned'] });
  });

  it('500 after a quant create committed: the retry reuses the quant, no second one', async () => {
    sim.odoo.addFault({
      kind: 'failAfterCommit',
      model: 'stock.quant',
      method: 'create',
      times: 1,
    });
    await expect(
      adapters.write.apply(inventoryLevel('SKU-1003', '4'), context('8')),
    ).rejects.toMatchObject({
      retriable: true,
    });
    await adapters.write.apply(inventoryLevel('SKU-1003', '4'), context('8'));
    const productId = sim.odoo.records('product.product', [['default_code', '=', 'SKU-1003']])[0]
      ?.id;
    const quants = sim.odoo.records('stock.quant', [['product_id', '=', productId ?? 0]]);
    expect(quants.map((q) => q.quantity)).toEqual([4]);
  });

  it('stock moving between the count and the apply (conflict wizard): keeps the counted quantity', async () => {
    await adapters.write.apply(inventoryLevel('SKU-1001', '10'), context('9'));
    sim.odoo.resetCalls();
    sim.odoo.addFault({
      kind: 'latency',
      latencyMs: 400,
      model: 'stock.quant',
      method: 'action_apply_inventory',
      times: 1,
    });
    const applying = adapters.write.apply(inventoryLevel('SKU-1001', '25'), context('10'));
    await eventually(
      () => sim.odoo.callCount('stock.quant', 'write') >= 1,
      () => 'the count written',
    );
    sim.odoo.setOnHand('SKU-1001', WAREHOUSE, 13); // a delivery in Odoo while the apply is on its way
    await applying;
    expect(sim.odoo.callCount('stock.quant', 'action_apply_inventory')).toBe(2);
    const locationId = sim.odoo.records('stock.warehouse', [['code', '=', WAREHOUSE]])[0]
      ?.lot_stock_id;
    const productId = sim.odoo.records('product.product', [['default_code', '=', 'SKU-1001']])[0]
      ?.id;
    const [quant] = sim.odoo.records('stock.quant', [
      ['product_id', '=', productId ?? 0],
      ['location_id', '=', locationId ?? 0],
    ]);
    expect(quant).toMatchObject({ quantity: 25, inventory_quantity_set: false });
  });

  it('429 with Retry-After is transient and keeps the delay', async () => {
    sim.odoo.addFault({ kind: 'rateLimit', retryAfterSeconds: 3, times: 1 });
    await expect(
      adapters.write.apply(inventoryLevel('SKU-1001', '1'), context('2')),
    ).rejects.toMatchObject({
      code: 'HTTP_RATE_LIMITED',
      retriable: true,
      retryAfterMs: 3_000,
    });
  });

  it('an outage (503, connection reset) is transient', async () => {
    sim.odoo.addFault({ kind: 'outage', mode: '503', times: 1 });
    await expect(
      adapters.write.apply(inventoryLevel('SKU-1001', '1'), context('3')),
    ).rejects.toMatchObject({
      code: 'HTTP_SERVER_ERROR',
      retriable: true,
    });
    sim.odoo.addFault({ kind: 'outage', mode: 'refuse-connection', times: 1 });
    await expect(
      adapters.write.apply(inventoryLevel('SKU-1001', '1'), context('4')),
    ).rejects.toMatchObject({
      retriable: true,
    });
  });

  it("an Odoo ValidationError is permanent with Odoo's message", async () => {
    sim.odoo.addFault({
      kind: 'odooError',
      name: 'odoo.exceptions.ValidationError',
      message: 'The inventory quantity must be positive.',
      model: 'stock.quant',
      method: 'action_apply_inventory',
      times: 1,
    });
    const error = await adapters.write
      .apply(inventoryLevel('SKU-1001', '1'), context('5'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ retriable: false });
    expect((error as Error).message).toContain('The inventory quantity must be positive.');
  });

  it('a slow Odoo times out as transient', async () => {
    const slow = createOdooAdapters({ ...odooSettingsFor(sim, protocol), timeout: 200 }, 'odoo');
    await slow.write.apply(inventoryLevel('SKU-1002', '1'), context('6')); // log in first
    sim.odoo.addFault({ kind: 'latency', latencyMs: 1_000, times: 1 });
    await expect(
      slow.write.apply(inventoryLevel('SKU-1002', '2'), context('7')),
    ).rejects.toMatchObject({
      code: 'NETWORK_TIMEOUT',
      retriable: true,
    });
  });
});
