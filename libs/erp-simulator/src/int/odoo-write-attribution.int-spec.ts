/**
 * As in Odoo 17: every write is the authenticated user's (`write_uid`, set by the ORM, never
 * by the caller), a hand edit is the person's who made it, and a webhook carries `write_uid`
 * only when its automation rule selected that field.
 */
import { defaultOdooUser } from '../odoo/odoo-simulator';
import { startErpSimulator, type ErpSimulator } from '../start-erp-simulator';
import { startReceiver, until, type HttpReceiver } from '../testing/http-receiver';
import { jsonRpc } from '../testing/rpc-helpers';

const hub = { uid: 7, login: 'hub-integration', password: 'hub-secret', name: 'Hub Integration' };

function startWithHubUser(): Promise<ErpSimulator> {
  return startErpSimulator({
    odoo: {
      users: [defaultOdooUser, hub],
      webhookTiming: 'after-commit',
      seed: {
        products: [
          { default_code: 'SKU-1', name: 'Widget' },
          { default_code: 'SKU-2', name: 'Gadget' },
        ],
        warehouses: [{ code: 'EAST', name: 'East' }],
      },
    },
  });
}

describe('Odoo write attribution (write_uid)', () => {
  let sim: ErpSimulator;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    [receiver, sim] = await Promise.all([startReceiver(), startWithHubUser()]);
    sim.odoo.addWebhook({
      model: 'stock.quant',
      url: `${receiver.url}/with-writer`,
      fields: ['quantity', 'write_uid'],
    });
    sim.odoo.addWebhook({
      model: 'stock.quant',
      url: `${receiver.url}/without`,
      fields: ['quantity'],
    });
    receiver.respond = () => ({ status: 200, body: '{}' });
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  async function loginAs(login: string, password: string): Promise<number> {
    const answer = await jsonRpc(sim.url, 'common', 'login', ['odoo', login, password]);
    return answer.result as number;
  }

  async function execute(
    uid: number,
    password: string,
    method: string,
    args: unknown[],
    kwargs = {},
  ) {
    const answer = await jsonRpc(sim.url, 'object', 'execute_kw', [
      'odoo',
      uid,
      password,
      'stock.quant',
      method,
      args,
      kwargs,
    ]);
    if ('error' in answer) throw new Error(JSON.stringify(answer.error));
    return answer.result;
  }

  it('attributes a JSON-RPC write to the logged-in user, and says so only in a rule that selected write_uid', async () => {
    const uid = await loginAs(hub.login, hub.password);
    expect(uid).toBe(7);
    const [product] = sim.odoo.records('product.product', [['default_code', '=', 'SKU-1']]);
    const [warehouse] = sim.odoo.records('stock.warehouse', [['code', '=', 'EAST']]);
    const inventoryMode = { context: { inventory_mode: true } };
    receiver.received.length = 0;
    const quantId = (await execute(
      uid,
      hub.password,
      'create',
      [{ product_id: product?.id, location_id: warehouse?.lot_stock_id, inventory_quantity: 5 }],
      inventoryMode,
    )) as number;
    // A caller cannot pass itself off as someone else: Odoo drops log access fields.
    await execute(uid, hub.password, 'write', [[quantId], { write_uid: 2, quantity: 3 }]);
    await until(() => (receiver.received.length >= 4 ? true : undefined));
    const bodies = (path: string) =>
      receiver.received
        .filter((request) => request.url === path)
        .map((request) => JSON.parse(request.body) as Record<string, unknown>);
    expect(bodies('/with-writer').map((body) => body.write_uid)).toEqual([7, 7]);
    expect(bodies('/without').map((body) => 'write_uid' in body)).toEqual([false, false]);
    expect(sim.odoo.record('stock.quant', quantId)).toMatchObject({ create_uid: 7, write_uid: 7 });
  });

  it('attributes a hand edit to the person (uid 2, Mitchell Admin), a write as admin to admin', async () => {
    sim.odoo.setOnHand('SKU-2', 'EAST', 12);
    const [quant] = sim.odoo.records('stock.quant', [['quantity', '=', 12]]);
    expect(quant?.write_uid).toBe(2);
    const [user] = sim.odoo.records('res.users', [['id', '=', 2]]);
    expect(user?.name).toBe('Mitchell Admin');
    const admin = await loginAs('admin', 'admin');
    await execute(admin, 'admin', 'write', [[quant?.id], { quantity: 13 }]);
    expect(sim.odoo.record('stock.quant', quant?.id ?? 0)?.write_uid).toBe(2);
  });
});
