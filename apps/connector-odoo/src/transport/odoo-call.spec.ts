import { toExecuteKw, toJson2Body } from './odoo-call';

describe('one call, three transports', () => {
  it('puts ids and the conventional leading parameters first for execute_kw', () => {
    expect(
      toExecuteKw({
        model: 'stock.quant',
        method: 'search_read',
        params: { domain: [['product_id', '=', 42]], fields: ['id'], limit: 1 },
        context: { lang: 'en_US' },
      }),
    ).toEqual({
      args: [[['product_id', '=', 42]]],
      kw: { fields: ['id'], limit: 1, context: { lang: 'en_US' } },
    });
    expect(
      toExecuteKw({
        model: 'stock.move',
        method: 'write',
        ids: [7],
        params: { vals: { picked: true } },
      }),
    ).toEqual({
      args: [[7], { picked: true }],
      kw: {},
    });
    expect(
      toExecuteKw({
        model: 'stock.quant',
        method: 'action_apply_inventory',
        ids: [314],
        context: { inventory_mode: true },
      }),
    ).toEqual({ args: [[314]], kw: { context: { inventory_mode: true } } });
  });

  it('names every argument for JSON-2', () => {
    expect(
      toJson2Body({
        model: 'stock.quant',
        method: 'action_apply_inventory',
        ids: [314],
        context: { inventory_mode: true },
      }),
    ).toEqual({ ids: [314], context: { inventory_mode: true } });
    expect(
      toJson2Body({
        model: 'stock.quant',
        method: 'create',
        params: { vals_list: [{ product_id: 42 }] },
      }),
    ).toEqual({
      vals_list: [{ product_id: 42 }],
    });
  });
});
