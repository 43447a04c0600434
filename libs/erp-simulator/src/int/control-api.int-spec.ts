import { startErpSimulator, type ErpSimulator } from '../start-erp-simulator';
import { callKw } from '../testing/rpc-helpers';

async function control(
  sim: ErpSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sim.url}/__sim/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

describe('control API (/__sim)', () => {
  let sim: ErpSimulator;

  beforeAll(async () => {
    sim = await startErpSimulator();
  });
  afterAll(() => sim.close());

  it('seeds, then reads records of a model with a domain', async () => {
    const seeded = await control(sim, 'POST', 'odoo/seed', {
      products: [{ default_code: 'SKU-9', name: 'Nine' }],
      partners: [{ name: 'Vendor', ref: 'V-1' }],
      warehouses: [{ code: 'EAST' }],
      purchaseOrders: [
        {
          name: 'PO-77',
          partner: 'V-1',
          warehouse: 'EAST',
          confirm: true,
          lines: [{ default_code: 'SKU-9', product_qty: 2 }],
        },
      ],
    });
    expect(seeded).toMatchObject({
      status: 201,
      body: {
        products: { 'SKU-9': expect.any(Number) as unknown },
        purchaseOrders: { 'PO-77': expect.any(Number) as unknown },
      },
    });
    const domain = encodeURIComponent(JSON.stringify([['origin', '=', 'PO-77']]));
    const pickings = await control(sim, 'GET', `odoo/records/stock.picking?domain=${domain}`);
    expect(pickings.body).toEqual([
      expect.objectContaining({ name: 'EAST/IN/00001', state: 'assigned' }),
    ]);
  });

  it('creates a custom field (the shortcut for tests), then JSON-RPC can write it', async () => {
    const field = { model: 'stock.quant', name: 'x_hub_correlation_id' };
    const write = () =>
      callKw(sim.url, 'stock.quant', 'search', [[['x_hub_correlation_id', '=', 'c1']]]);
    await expect(write()).rejects.toThrow(/Invalid field 'x_hub_correlation_id'/);
    expect((await control(sim, 'POST', 'odoo/custom-fields', field)).status).toBe(201);
    await expect(write()).resolves.toEqual([]);
    expect((await control(sim, 'GET', 'odoo/custom-fields')).body).toEqual([
      { ...field, ttype: 'char', string: 'x_hub_correlation_id' },
    ]);
    expect((await control(sim, 'POST', 'odoo/custom-fields', field)).status).toBe(400);
  });

  it('answers 400 for an unknown model or a bad fault', async () => {
    expect((await control(sim, 'GET', 'odoo/records/x.none')).status).toBe(400);
    expect((await control(sim, 'POST', 'odoo/faults', { kind: 'gone' })).status).toBe(400);
    expect(
      (await control(sim, 'POST', 'wms/faults', { kind: 'outage', mode: 'sometimes' })).status,
    ).toBe(400);
  });

  it('adds, lists and clears faults; counts calls', async () => {
    await control(sim, 'DELETE', 'odoo/calls');
    const added = await control(sim, 'POST', 'odoo/faults', {
      kind: 'rateLimit',
      retryAfterSeconds: 2,
      times: 3,
      method: 'write',
    });
    expect(added.status).toBe(201);
    expect((await control(sim, 'GET', 'odoo/faults')).body).toEqual([
      expect.objectContaining({
        remaining: 3,
        spec: expect.objectContaining({ kind: 'rateLimit' }) as unknown,
      }),
    ]);
    expect((await control(sim, 'DELETE', 'odoo/faults')).status).toBe(204);
    expect((await control(sim, 'GET', 'odoo/faults')).body).toEqual([]);
    await callKw(sim.url, 'product.product', 'search', [[]]);
    await callKw(sim.url, 'product.product', 'search', [[]]);
    expect((await control(sim, 'GET', 'odoo/calls')).body).toEqual({ 'product.product.search': 2 });
  });

  it('sets an on-hand quantity and manages webhook rules', async () => {
    expect(
      (
        await control(sim, 'POST', 'odoo/on-hand', {
          default_code: 'SKU-9',
          warehouse: 'EAST',
          quantity: 5,
        })
      ).status,
    ).toBe(204);
    expect(
      sim.odoo
        .records('stock.quant', [['product_id.default_code', '=', 'SKU-9']])
        .map((q) => q.quantity),
    ).toEqual([5]);
    const rules = await control(sim, 'POST', 'odoo/webhooks', {
      model: 'stock.quant',
      url: 'http://127.0.0.1:1/none',
      fields: ['quantity'],
    });
    expect(rules).toMatchObject({
      status: 201,
      body: [{ model: 'stock.quant', actionId: expect.any(Number) as unknown }],
    });
    expect((await control(sim, 'DELETE', 'odoo/webhooks')).status).toBe(204);
    expect((await control(sim, 'GET', 'odoo/webhooks')).body).toEqual([]);
  });

  it('lists WMS deliveries and attempts', async () => {
    expect((await control(sim, 'GET', 'wms/deliveries')).body).toEqual([]);
    expect((await control(sim, 'GET', 'wms/attempts')).body).toEqual([]);
    expect(
      (await control(sim, 'POST', 'wms/emit', { type: 'inventory-level.changed', data: {} }))
        .status,
    ).toBe(400);
  });
});
