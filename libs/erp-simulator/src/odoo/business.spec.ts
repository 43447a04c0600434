import { hubCorrelationFields } from './custom-fields';
import { OdooSimulator } from './odoo-simulator';

function simulator(): OdooSimulator {
  return new OdooSimulator({
    customFields: hubCorrelationFields,
    now: () => new Date('2026-11-27T02:40:00Z'),
    seed: {
      products: [
        { default_code: 'SKU-1', name: 'Widget' },
        { default_code: 'SKU-2', name: 'Gadget' },
      ],
      warehouses: [{ code: 'EAST', name: 'East' }],
      partners: [{ name: 'Acme Supplies', ref: 'V-300' }],
      quants: [{ default_code: 'SKU-1', warehouse: 'EAST', quantity: 17 }],
      purchaseOrders: [
        {
          name: 'PO-42',
          partner: 'V-300',
          warehouse: 'EAST',
          lines: [
            { default_code: 'SKU-1', product_qty: 10 },
            { default_code: 'SKU-2', product_qty: 4 },
          ],
        },
      ],
    },
  });
}

type Row = Record<string, unknown>;

describe('purchase order → receipt', () => {
  it('confirming creates the incoming picking with reserved moves; validating receives', async () => {
    const odoo = simulator();
    const [po] = (await odoo.rpc('purchase.order', 'search_read', [[['name', '=', 'PO-42']]], {
      fields: ['id', 'state'],
    })) as Row[];
    expect(po?.state).toBe('draft');
    await expect(odoo.rpc('purchase.order', 'button_confirm', [[po?.id]])).resolves.toBe(true);
    const [picking] = (await odoo.rpc(
      'stock.picking',
      'search_read',
      [[['origin', '=', 'PO-42']]],
      {
        fields: [
          'name',
          'state',
          'picking_type_code',
          'purchase_id',
          'move_ids',
          'location_dest_id',
        ],
      },
    )) as Row[];
    expect(picking).toMatchObject({
      name: 'EAST/IN/00001',
      state: 'assigned',
      picking_type_code: 'incoming',
      purchase_id: [po?.id, 'PO-42'],
      location_dest_id: [expect.any(Number), 'EAST/Stock'],
    });
    const moves = (await odoo.rpc('stock.move', 'read', [
      picking?.move_ids,
      ['product_uom_qty', 'quantity', 'picked', 'state'],
    ])) as Row[];
    expect(moves.map((m) => [m.product_uom_qty, m.quantity, m.picked, m.state])).toEqual([
      [10, 10, false, 'assigned'],
      [4, 4, false, 'assigned'],
    ]);
    await odoo.rpc('stock.picking', 'write', [[picking?.id], { x_hub_correlation_id: 'c1-abc' }]);
    await expect(odoo.rpc('stock.picking', 'button_validate', [[picking?.id]])).resolves.toBe(true);
    const lines = (await odoo.rpc(
      'purchase.order.line',
      'search_read',
      [[['order_id', '=', po?.id]]],
      { fields: ['qty_received'] },
    )) as Row[];
    expect(lines.map((l) => l.qty_received)).toEqual([10, 4]);
    expect(
      odoo.records('stock.picking', [['x_hub_correlation_id', '=', 'c1-abc']]).map((p) => p.state),
    ).toEqual(['done']);
    expect(
      odoo
        .records('stock.quant', [['product_id.default_code', '=', 'SKU-1']])
        .map((q) => q.quantity),
    ).toEqual([27]);
  });

  it('a short receipt answers the backorder wizard, and with skip_backorder creates the backorder', async () => {
    const odoo = simulator();
    const poId = odoo.records('purchase.order')[0]?.id;
    await odoo.rpc('purchase.order', 'button_confirm', [[poId]]);
    const picking = odoo.records('stock.picking')[0];
    const [first] = odoo.records('stock.move', [['picking_id', '=', picking?.id ?? 0]]);
    await odoo.rpc('stock.move', 'write', [[first?.id], { quantity: 6, picked: true }]);
    const wizard = (await odoo.rpc('stock.picking', 'button_validate', [[picking?.id]])) as Row;
    expect(wizard).toMatchObject({
      type: 'ir.actions.act_window',
      res_model: 'stock.backorder.confirmation',
    });
    expect(odoo.record('stock.picking', picking?.id ?? 0)?.state).toBe('assigned');
    await odoo.rpc('stock.picking', 'button_validate', [[picking?.id]], {
      context: { skip_backorder: true },
    });
    const backorder = odoo.records('stock.picking', [['backorder_id', '=', picking?.id ?? 0]]);
    expect(backorder).toHaveLength(1);
    const rest = odoo.records('stock.move', [['picking_id', '=', backorder[0]?.id ?? 0]]);
    expect(rest.map((m) => m.product_uom_qty)).toEqual([4, 4]);
    expect(odoo.records('purchase.order.line').map((l) => l.qty_received)).toEqual([6, 0]);
  });

  it('refuses to validate when nothing is counted', async () => {
    const odoo = simulator();
    await odoo.rpc('purchase.order', 'button_confirm', [[odoo.records('purchase.order')[0]?.id]]);
    const picking = odoo.records('stock.picking')[0];
    const moveIds = odoo.records('stock.move').map((m) => m.id);
    await odoo.rpc('stock.move', 'write', [moveIds, { quantity: 0 }]);
    await expect(
      odoo.rpc('stock.picking', 'button_validate', [[picking?.id]]),
    ).rejects.toMatchObject({ odooName: 'odoo.exceptions.UserError' });
  });
});

describe('stock.quant counts', () => {
  const inventoryMode = { context: { inventory_mode: true } };

  it('create in inventory mode reuses the quant and apply sets the on-hand quantity (None)', async () => {
    const odoo = simulator();
    const location = odoo.records('stock.warehouse', [['code', '=', 'EAST']])[0]?.lot_stock_id;
    const id = await odoo.rpc(
      'stock.quant',
      'create',
      [{ product_id: 1, location_id: location, inventory_quantity: 20 }],
      inventoryMode,
    );
    expect(odoo.records('stock.quant', [['product_id', '=', 1]]).map((q) => q.id)).toEqual([id]);
    expect(odoo.record('stock.quant', id as number)).toMatchObject({
      inventory_quantity_set: true,
      inventory_diff_quantity: 3,
    });
    await expect(
      odoo.rpc('stock.quant', 'action_apply_inventory', [[id]], inventoryMode),
    ).resolves.toBeUndefined();
    expect(odoo.record('stock.quant', id as number)).toMatchObject({
      quantity: 20,
      inventory_quantity_set: false,
      inventory_quantity: 0,
    });
  });

  it('answers the conflict wizard, changing nothing, when stock moved since the count', async () => {
    const odoo = simulator();
    const [quant] = odoo.records('stock.quant');
    await expect(
      odoo.rpc(
        'stock.quant',
        'write',
        [[quant?.id], { inventory_quantity: 25, x_hub_correlation_id: 'c1-x' }],
        inventoryMode,
      ),
    ).rejects.toMatchObject({
      message: "Quant's editing is restricted, you can't do this operation.",
    });
    await odoo.rpc(
      'stock.quant',
      'write',
      [[quant?.id], { inventory_quantity: 25 }],
      inventoryMode,
    );
    await odoo.rpc('stock.quant', 'write', [[quant?.id], { x_hub_correlation_id: 'c1-x' }]);
    odoo.setOnHand('SKU-1', 'EAST', 12);
    const answer = await odoo.rpc(
      'stock.quant',
      'action_apply_inventory',
      [[quant?.id]],
      inventoryMode,
    );
    expect(answer).toEqual({
      name: 'Conflict in Inventory Adjustment',
      type: 'ir.actions.act_window',
      view_mode: 'form',
      views: [[false, 'form']],
      res_model: 'stock.inventory.conflict',
      target: 'new',
      context: {
        inventory_mode: true,
        default_quant_ids: [quant?.id],
        default_quant_to_fix_ids: [quant?.id],
      },
    });
    expect(odoo.record('stock.quant', quant?.id ?? 0)).toMatchObject({
      quantity: 12,
      inventory_quantity_set: true,
      x_hub_correlation_id: 'c1-x',
    });
  });
});

describe('webhook body', () => {
  it('is the quant read with load=None plus _action/_id/_model, sorted (reference shape)', () => {
    const odoo = simulator();
    odoo.addWebhook({
      model: 'stock.quant',
      url: 'http://unused',
      fields: ['product_id', 'location_id', 'quantity', 'inventory_quantity', 'write_date'],
      actionId: 61,
    });
    const quant = odoo.records('stock.quant')[0];
    expect(odoo.webhookBodies('stock.quant', quant?.id ?? 0)).toEqual([
      `{"_action": "Send Webhook Notification(#61)", "_id": ${quant?.id}, "_model": "stock.quant", "id": ${quant?.id}, "inventory_quantity": 0.0, "location_id": ${quant?.location_id as number}, "product_id": 1, "quantity": 17.0, "write_date": "2026-11-27 02:40:00"}`,
    ]);
  });
});

describe('seeding warehouses', () => {
  it('reuses a warehouse whose code exists (the default WH) instead of adding a second one', async () => {
    const odoo = new OdooSimulator({
      seed: {
        products: [{ default_code: 'SKU-1', name: 'Widget' }],
        warehouses: [{ code: 'WH' }],
        quants: [{ default_code: 'SKU-1', warehouse: 'WH', quantity: 3 }],
      },
    });
    const warehouses = (await odoo.rpc('stock.warehouse', 'search_read', [[['code', '=', 'WH']]], {
      fields: ['lot_stock_id'],
    })) as Row[];
    expect(warehouses).toHaveLength(1);
    const quants = (await odoo.rpc('stock.quant', 'search_read', [[]], {
      fields: ['location_id', 'quantity'],
    })) as Row[];
    expect(quants).toEqual([
      expect.objectContaining({ location_id: warehouses[0]?.lot_stock_id, quantity: 3 }),
    ]);
  });
});
