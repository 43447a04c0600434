import { OdooSimulator } from './odoo-simulator';

function simulator(): OdooSimulator {
  return new OdooSimulator({
    seed: {
      products: [
        { default_code: 'SKU-1', name: 'Widget' },
        { default_code: 'SKU-2', name: 'Gadget' },
        { default_code: 'BOLT-9', name: 'Bolt', uom: 'kg' },
      ],
      warehouses: [{ code: 'EAST', name: 'East' }],
      partners: [{ name: 'Acme Supplies', ref: 'V-300' }],
      quants: [
        { default_code: 'SKU-1', warehouse: 'EAST', quantity: 17 },
        { default_code: 'SKU-2', warehouse: 'WH', quantity: 3 },
      ],
    },
  });
}

const codes = (sim: OdooSimulator, domain: unknown): unknown[] =>
  sim.records('product.product', domain).map((p) => p.default_code);

describe('Odoo domains', () => {
  const sim = simulator();

  it.each([
    [[['default_code', '=', 'SKU-1']], ['SKU-1']],
    [[['default_code', '!=', 'SKU-1']], ['SKU-2', 'BOLT-9']],
    [[['default_code', 'in', ['SKU-2', 'BOLT-9']]], ['SKU-2', 'BOLT-9']],
    [[['default_code', 'not in', ['SKU-2']]], ['SKU-1', 'BOLT-9']],
    [[['name', 'ilike', 'GET']], ['SKU-1', 'SKU-2']],
    [[['name', 'like', 'get']], ['SKU-1', 'SKU-2']],
    [[['name', '=ilike', 'w%']], ['SKU-1']],
    [
      [
        ['id', '>', 1],
        ['id', '<=', 2],
      ],
      ['SKU-2'],
    ],
    [[['id', '>=', 3]], ['BOLT-9']],
    [[['id', '<', 2]], ['SKU-1']],
    [
      ['|', ['default_code', '=', 'SKU-1'], ['default_code', '=', 'BOLT-9']],
      ['SKU-1', 'BOLT-9'],
    ],
    [['&', ['name', 'ilike', 'g'], '!', ['default_code', '=', 'SKU-2']], ['SKU-1']],
    [[['uom_id', '=', 12]], ['BOLT-9']],
    [[['uom_id.name', '=', 'kg']], ['BOLT-9']],
    [[['uom_id', '=', 'kg']], ['BOLT-9']],
    [[['barcode', '=', false]], ['SKU-1', 'SKU-2', 'BOLT-9']],
    [[], ['SKU-1', 'SKU-2', 'BOLT-9']],
  ])('%j matches %j', (domain, expected) => {
    expect(codes(sim, domain)).toEqual(expected);
  });

  it('follows dotted paths through many2one fields (the quant lookup of the reference)', () => {
    const quants = sim.records('stock.quant', [
      ['product_id.default_code', '=', 'SKU-1'],
      ['location_id.usage', '=', 'internal'],
    ]);
    expect(quants.map((q) => q.quantity)).toEqual([17]);
  });

  it('child_of walks the location tree (stock of a warehouse view location)', () => {
    const view = sim.records('stock.warehouse', [['code', '=', 'EAST']])[0]?.view_location_id;
    const quants = sim.records('stock.quant', [['location_id', 'child_of', view]]);
    expect(quants.map((q) => q.quantity)).toEqual([17]);
  });

  it('follows one2many paths with "any" semantics and "none" for negative operators', () => {
    const seeded = sim.seed({
      purchaseOrders: [{ partner: 'V-300', lines: [{ default_code: 'SKU-2', product_qty: 5 }] }],
    });
    const poId = Object.values(seeded.purchaseOrders)[0];
    expect(
      sim
        .records('purchase.order', [['order_line.product_id.default_code', '=', 'SKU-2']])
        .map((p) => p.id),
    ).toEqual([poId]);
    expect(
      sim.records('purchase.order', [['order_line.product_id.default_code', '!=', 'SKU-2']]),
    ).toEqual([]);
  });

  it('rejects an unknown field the way Odoo does', () => {
    expect(() => sim.records('product.product', [['colour', '=', 'red']])).toThrow(
      "Invalid field 'colour' on model 'product.product'",
    );
  });
});
