/**
 * Fidelity: independent clients written by others (npm `odoo-await`, and the `xmlrpc`
 * package's client as Odoo's external API docs use it) get what they expect from Odoo.
 */
import Odoo from 'odoo-await';
import xmlrpc from 'xmlrpc';
import { startErpSimulator, type ErpSimulator } from '../start-erp-simulator';

function methodCall(client: xmlrpc.Client, method: string, params: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    client.methodCall(method, params, (error: unknown, value: unknown) => {
      if (error) reject(error instanceof Error ? error : new Error('xmlrpc call failed'));
      else resolve(value);
    });
  });
}

describe('fidelity with independent Odoo clients', () => {
  let sim: ErpSimulator;
  let port: number;

  beforeAll(async () => {
    sim = await startErpSimulator({
      odoo: {
        seed: {
          products: [
            { default_code: 'SKU-1', name: 'Widget' },
            { default_code: 'SKU-2', name: 'Gadget' },
          ],
          partners: [{ name: 'Acme Supplies', ref: 'V-300' }],
          quants: [{ default_code: 'SKU-1', warehouse: 'WH', quantity: 17 }],
        },
      },
    });
    port = Number(new URL(sim.url).port);
  });
  afterAll(() => sim.close());

  describe('odoo-await', () => {
    const client = (password = 'admin') =>
      new Odoo({ baseUrl: 'http://127.0.0.1', port, db: 'odoo', username: 'admin', password });

    it('connects, search_reads, creates, writes and reads back', async () => {
      const odoo = client();
      await expect(odoo.connect()).resolves.toBe(2);
      const products = (await odoo.searchRead('product.product', { default_code: 'SKU-1' }, [
        'name',
        'default_code',
        'uom_id',
      ])) as unknown;
      expect(products).toEqual([
        { id: 1, name: 'Widget', default_code: 'SKU-1', uom_id: [1, 'Units'] },
      ]);
      const id: number = await odoo.create('purchase.order', {
        partner_id: 2,
        order_line: { action: 'create', value: [{ product_id: 1, product_qty: 3 }] },
      });
      await expect(odoo.update('purchase.order', id, { partner_ref: 'VENDOR-REF' })).resolves.toBe(
        true,
      );
      const [po] = await odoo.read<Record<string, unknown>>('purchase.order', id, [
        'name',
        'partner_ref',
        'order_line',
        'state',
      ]);
      expect(po).toEqual({
        id,
        name: expect.stringMatching(/^P\d{5}$/) as unknown,
        partner_ref: 'VENDOR-REF',
        order_line: [expect.any(Number)] as unknown,
        state: 'draft',
      });
      expect(
        await odoo.search('product.product', [['default_code', 'in', ['SKU-1', 'SKU-2']]]),
      ).toEqual([1, 2]);
      const [quant] = await odoo.searchRead<Record<string, unknown>>(
        'stock.quant',
        [['product_id.default_code', '=', 'SKU-1']],
        ['quantity'],
      );
      expect(quant?.quantity).toBe(17);
    });

    it('creates a custom field through ir.model.fields, as the module README says', async () => {
      const odoo = client();
      await odoo.connect();
      await expect(
        odoo.searchRead('stock.picking', [['x_hub_correlation_id', '=', 'c1']], ['name']),
      ).rejects.toMatchObject({
        faultCode: 1,
        faultString: expect.stringContaining(
          "Invalid field 'x_hub_correlation_id' on model 'stock.picking'",
        ) as unknown,
      });
      const [modelId] = await odoo.search('ir.model', [['model', '=', 'stock.picking']]);
      await odoo.create('ir.model.fields', {
        model_id: modelId,
        name: 'x_hub_correlation_id',
        ttype: 'char',
        field_description: 'Hub Correlation Id',
        index: true,
        copied: false,
      });
      await expect(
        odoo.searchRead('stock.picking', [['x_hub_correlation_id', '=', 'c1']], ['name']),
      ).resolves.toEqual([]);
    });

    it('rejects connect on bad credentials (authenticate answers false)', async () => {
      await expect(client('wrong').connect()).rejects.toMatch(/invalid credentials/);
    });

    it('sees Odoo faults: MissingError is faultCode 2, a None result faultCode 1', async () => {
      const odoo = client();
      await odoo.connect();
      await expect(odoo.read('purchase.order', 999)).rejects.toMatchObject({ faultCode: 2 });
      await expect(odoo.action('stock.quant', 'action_apply_inventory', 1)).rejects.toMatchObject({
        faultCode: 1,
        faultString: expect.stringContaining('cannot marshal None') as unknown,
      });
    });
  });

  describe('xmlrpc client on /xmlrpc/2 (the documented external API usage)', () => {
    it('version, authenticate, execute_kw search_read and an AccessDenied fault', async () => {
      const common = xmlrpc.createClient({ host: '127.0.0.1', port, path: '/xmlrpc/2/common' });
      const models = xmlrpc.createClient({ host: '127.0.0.1', port, path: '/xmlrpc/2/object' });
      const version = (await methodCall(common, 'version', [])) as Record<string, unknown>;
      expect(version).toMatchObject({ server_version: '17.0', protocol_version: 1 });
      const uid = await methodCall(common, 'authenticate', [
        'odoo',
        'admin',
        'sim-odoo-api-key',
        {},
      ]);
      expect(uid).toBe(2);
      const rows = await methodCall(models, 'execute_kw', [
        'odoo',
        uid,
        'sim-odoo-api-key',
        'product.product',
        'search_read',
        [[['default_code', '=', 'SKU-2']]],
        { fields: ['name'], limit: 5 },
      ]);
      expect(rows).toEqual([{ id: 2, name: 'Gadget' }]);
      await expect(
        methodCall(models, 'execute_kw', ['odoo', uid, 'bad', 'product.product', 'search', [[]]]),
      ).rejects.toMatchObject({ faultCode: 3, faultString: 'Access Denied' });
    });
  });
});
