import { OdooSimulator } from '../odoo/odoo-simulator';
import { buildErpSimulatorApp } from '../start-erp-simulator';
import { executeKw, injectJsonRpc, injectXmlRpc } from '../testing/rpc-helpers';
import { WmsSimulator } from '../wms/wms-simulator';

function appFor(serverVersion = '17.0') {
  const odoo = new OdooSimulator({
    serverVersion,
    seed: {
      products: [{ default_code: 'SKU-1', name: 'Widget' }],
      quants: [{ default_code: 'SKU-1', warehouse: 'WH', quantity: 5 }],
    },
  });
  return { odoo, app: buildErpSimulatorApp(odoo, new WmsSimulator()) };
}

describe('JSON-RPC envelopes (/jsonrpc)', () => {
  const { odoo, app } = appFor();
  afterAll(() => app.close());

  it('answers a result with the request id echoed', async () => {
    const { status, body } = await injectJsonRpc(app, 'common', 'login', [
      'odoo',
      'admin',
      'admin',
    ]);
    expect([status, body]).toEqual([200, { jsonrpc: '2.0', id: 1, result: 2 }]);
  });

  it('lists the one database (db.list)', async () => {
    const { body } = await injectJsonRpc(app, 'db', 'list', []);
    expect(body.result).toEqual(['odoo']);
  });

  it('answers false, not an error, for bad credentials', async () => {
    const { body } = await injectJsonRpc(app, 'common', 'authenticate', [
      'odoo',
      'admin',
      'nope',
      {},
    ]);
    expect(body).toEqual({ jsonrpc: '2.0', id: 1, result: false });
  });

  it('omits the result key when the method returns None (action_apply_inventory)', async () => {
    const args = executeKw('stock.quant', 'action_apply_inventory', [[1]], {
      context: { inventory_mode: true },
    });
    const { raw } = await injectJsonRpc(app, 'object', 'execute_kw', args);
    expect(raw).toBe('{"jsonrpc":"2.0","id":1}');
  });

  it('wraps errors in HTTP 200 with code 200 and the serialized exception (17)', async () => {
    const { status, body } = await injectJsonRpc(
      app,
      'object',
      'execute_kw',
      executeKw('stock.quant', 'read', [[99]]),
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: {
        code: 200,
        message: 'Odoo Server Error',
        data: expect.objectContaining({
          name: 'odoo.exceptions.MissingError',
          message:
            'Record does not exist or has been deleted.\n(Record: stock.quant(99,), User: 2)',
          arguments: [
            'Record does not exist or has been deleted.\n(Record: stock.quant(99,), User: 2)',
          ],
          context: {},
        }) as unknown,
      },
    });
    expect(body).not.toHaveProperty('result');
  });

  it.each([
    [
      'AccessDenied for a bad password',
      executeKw('stock.quant', 'read', [[1]], {}, 'wrong'),
      'odoo.exceptions.AccessDenied',
    ],
    [
      'AccessError for a private method',
      executeKw('stock.quant', '_apply_inventory', [[1]]),
      'odoo.exceptions.AccessError',
    ],
    [
      'UserError for an unknown model',
      executeKw('x.nothing', 'read', [[1]]),
      'odoo.exceptions.UserError',
    ],
    [
      'ValueError for an unknown field',
      executeKw('stock.quant', 'write', [[1], { colour: 1 }]),
      'builtins.ValueError',
    ],
    [
      'UserError for a restricted quant create',
      executeKw(
        'stock.quant',
        'create',
        [{ product_id: 1, location_id: 8, inventory_quantity: 1, x_hub_correlation_id: 'c1' }],
        { context: { inventory_mode: true } },
      ),
      'odoo.exceptions.UserError',
    ],
    [
      'ValidationError for a missing mandatory field',
      executeKw('purchase.order', 'create', [{}]),
      'odoo.exceptions.ValidationError',
    ],
  ])('reports %s', async (_label, args, name) => {
    const { body } = await injectJsonRpc(app, 'object', 'execute_kw', args);
    expect((body.error as { data: { name: string } }).data.name).toBe(name);
  });

  it('injects an Odoo error by fault, once', async () => {
    odoo.addFault({
      kind: 'odooError',
      name: 'odoo.exceptions.ValidationError',
      message: 'bad',
      method: 'search',
      times: 1,
    });
    const first = await injectJsonRpc(
      app,
      'object',
      'execute_kw',
      executeKw('product.product', 'search', [[]]),
    );
    const second = await injectJsonRpc(
      app,
      'object',
      'execute_kw',
      executeKw('product.product', 'search', [[]]),
    );
    expect([
      (first.body.error as { data: { name: string } }).data.name,
      second.body.result,
    ]).toEqual(['odoo.exceptions.ValidationError', [1]]);
  });

  it('uses error code 0 from Odoo 18 on', async () => {
    const v18 = appFor('18.0');
    const { body } = await injectJsonRpc(
      v18.app,
      'object',
      'execute_kw',
      executeKw('stock.quant', 'read', [[99]]),
    );
    await v18.app.close();
    expect((body.error as { code: number }).code).toBe(0);
  });
});

describe('XML-RPC faults (/xmlrpc/2)', () => {
  const { app } = appFor();
  afterAll(() => app.close());

  it('returns floats as <double> and many2one as [id, name]', async () => {
    const response = await injectXmlRpc(
      app,
      'object',
      'execute_kw',
      executeKw('stock.quant', 'read', [[1], ['quantity', 'product_id']]),
    );
    expect(response.raw).toContain('<double>5.0</double>');
    await expect(response.value).resolves.toEqual([
      { id: 1, quantity: 5, product_id: [1, '[SKU-1] Widget'] },
    ]);
  });

  it.each([
    [
      '1 for None (cannot marshal None)',
      executeKw('stock.quant', 'action_apply_inventory', [[1]]),
      1,
    ],
    ['2 for a MissingError', executeKw('stock.quant', 'read', [[99]]), 2],
    ['3 for AccessDenied', executeKw('stock.quant', 'read', [[1]], {}, 'wrong'), 3],
    ['4 for an AccessError', executeKw('stock.quant', '_private', [[1]]), 4],
  ])('faultCode %s', async (_label, params, code) => {
    const { status, value } = await injectXmlRpc(app, 'object', 'execute_kw', params);
    expect(status).toBe(200);
    await expect(value).rejects.toMatchObject({ faultCode: code });
  });
});

describe('JSON-2 (/json/2)', () => {
  const { app } = appFor('19.0');
  afterAll(() => app.close());
  const call = (path: string, body: unknown, key = 'sim-odoo-api-key') =>
    app.inject({
      method: 'POST',
      url: `/json/2/${path}`,
      headers: { authorization: `bearer ${key}`, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it('answers the bare result', async () => {
    const response = await call('product.product/search_read', {
      domain: [['default_code', '=', 'SKU-1']],
      fields: ['default_code'],
    });
    expect([response.statusCode, response.json()]).toEqual([
      200,
      [{ id: 1, default_code: 'SKU-1' }],
    ]);
  });

  it('tells the uid of the key (res.users/context_get)', async () => {
    const response = await call('res.users/context_get', {});
    expect(response.json()).toMatchObject({ uid: 2 });
  });

  it('answers null for None', async () => {
    const response = await call('stock.quant/action_apply_inventory', {
      ids: [1],
      context: { inventory_mode: true },
    });
    expect([response.statusCode, response.body]).toEqual([200, 'null']);
  });

  it.each([
    [
      '401 for a bad key',
      'product.product/search',
      {},
      'bad',
      401,
      'werkzeug.exceptions.Unauthorized',
    ],
    [
      '404 for a MissingError',
      'product.product/read',
      { ids: [99] },
      undefined,
      404,
      'odoo.exceptions.MissingError',
    ],
    [
      '403 for an AccessError',
      'product.product/_secret',
      { ids: [1] },
      undefined,
      403,
      'odoo.exceptions.AccessError',
    ],
    ['422 for a UserError', 'x.none/search', {}, undefined, 422, 'odoo.exceptions.UserError'],
  ])('%s', async (_label, path, body, key, status, name) => {
    const response = await call(path, body, key);
    expect([response.statusCode, response.json<{ name: string }>().name]).toEqual([status, name]);
  });
});
