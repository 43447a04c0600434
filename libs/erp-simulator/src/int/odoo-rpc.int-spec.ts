import { startErpSimulator, type ErpSimulator } from '../start-erp-simulator';
import { callKw, jsonRpc } from '../testing/rpc-helpers';

type Row = Record<string, unknown>;

describe('Odoo simulator over HTTP (JSON-RPC)', () => {
  let sim: ErpSimulator;

  beforeAll(async () => {
    sim = await startErpSimulator({
      odoo: {
        seed: {
          products: [{ default_code: 'SKU-1', name: 'Widget' }],
          warehouses: [{ code: 'EAST', name: 'East' }],
          partners: [{ name: 'Acme Supplies', ref: 'V-300' }],
          quants: [{ default_code: 'SKU-1', warehouse: 'EAST', quantity: 17 }],
          customFields: [{ model: 'stock.move', name: 'x_hub_correlation_id' }],
        },
      },
    });
  });
  afterAll(() => sim.close());

  it('round-trips common.version, authenticate and a search_read', async () => {
    const version = await jsonRpc(sim.url, 'common', 'version', []);
    const uid = await jsonRpc(sim.url, 'common', 'authenticate', [
      'odoo',
      'admin',
      'sim-odoo-api-key',
      {},
    ]);
    const rows = await callKw(
      sim.url,
      'product.product',
      'search_read',
      [[['default_code', '=', 'SKU-1']]],
      { fields: ['default_code', 'name'] },
    );
    expect([(version.result as Row).server_version, uid.result, rows]).toEqual([
      '17.0',
      2,
      [{ id: 1, default_code: 'SKU-1', name: 'Widget' }],
    ]);
  });

  it('creates a PO with lines, confirms it, receives part of it and validates', async () => {
    const poId = (await callKw(sim.url, 'purchase.order', 'create', [
      {
        partner_id: 2,
        partner_ref: 'REF-1',
        order_line: [[0, 0, { product_id: 1, product_qty: 8, price_unit: 2.5 }]],
      },
    ])) as number;
    const before = (await callKw(sim.url, 'purchase.order', 'read', [
      [poId],
      ['name', 'state', 'write_date', 'display_name'],
    ])) as Row[];
    expect(before[0]).toMatchObject({
      state: 'draft',
      name: expect.stringMatching(/^P\d{5}$/) as unknown,
      write_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/) as unknown,
    });
    await callKw(sim.url, 'purchase.order', 'button_confirm', [[poId]]);
    const [po] = (await callKw(sim.url, 'purchase.order', 'read', [
      [poId],
      ['state', 'picking_ids'],
    ])) as Row[];
    expect(po?.state).toBe('purchase');
    const pickingIds = po?.picking_ids as number[];
    const [move] = (await callKw(
      sim.url,
      'stock.move',
      'search_read',
      [[['picking_id', 'in', pickingIds]]],
      { fields: ['id', 'quantity'] },
    )) as Row[];
    await callKw(sim.url, 'stock.move', 'write', [
      [move?.id],
      { quantity: 8, picked: true, x_hub_correlation_id: 'c1-po' },
    ]);
    await expect(callKw(sim.url, 'stock.picking', 'button_validate', [pickingIds])).resolves.toBe(
      true,
    );
    const lines = (await callKw(
      sim.url,
      'purchase.order.line',
      'search_read',
      [[['order_id', '=', poId]]],
      { fields: ['qty_received'] },
    )) as Row[];
    expect(lines).toEqual([{ id: expect.any(Number) as unknown, qty_received: 8 }]);
    expect(
      await callKw(sim.url, 'stock.picking', 'search_count', [
        [
          ['state', '=', 'done'],
          ['purchase_id', '=', poId],
        ],
      ]),
    ).toBe(1);
  });

  it('answers the quant conflict wizard over the wire, then applies after a recount', async () => {
    const ctx = { context: { inventory_mode: true } };
    const [quant] = (await callKw(
      sim.url,
      'stock.quant',
      'search_read',
      [
        [
          ['product_id.default_code', '=', 'SKU-1'],
          ['location_id.usage', '=', 'internal'],
        ],
      ],
      { fields: ['id', 'location_id'] },
    )) as Row[];
    const location = (quant?.location_id as [number, string])[0];
    const id = await callKw(
      sim.url,
      'stock.quant',
      'create',
      [{ product_id: 1, location_id: location, inventory_quantity: 30 }],
      ctx,
    );
    sim.odoo.setOnHand('SKU-1', 'EAST', 40);
    const conflict = (await callKw(
      sim.url,
      'stock.quant',
      'action_apply_inventory',
      [[id]],
      ctx,
    )) as Row;
    expect(conflict.res_model).toBe('stock.inventory.conflict');
    await callKw(sim.url, 'stock.quant', 'write', [[id], { inventory_quantity: 30 }], ctx);
    const applied = await jsonRpc(sim.url, 'object', 'execute_kw', [
      'odoo',
      2,
      'admin',
      'stock.quant',
      'action_apply_inventory',
      [[id]],
      ctx,
    ]);
    expect(applied).toEqual({ jsonrpc: '2.0', id: 1 });
    expect(sim.odoo.record('stock.quant', id as number)?.quantity).toBe(30);
  });
});
