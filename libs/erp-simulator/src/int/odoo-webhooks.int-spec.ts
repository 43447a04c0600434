import { setTimeout as sleep } from 'node:timers/promises';
import { startErpSimulator, type ErpSimulator } from '../start-erp-simulator';
import { startReceiver, until, type HttpReceiver } from '../testing/http-receiver';
import { callKw } from '../testing/rpc-helpers';

describe('Odoo outbound webhooks ("Send Webhook Notification")', () => {
  let sim: ErpSimulator;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startErpSimulator({
      odoo: {
        now: () => new Date('2026-11-27T02:40:00Z'),
        seed: {
          partners: [{ name: 'Acme Supplies', ref: 'V-300' }],
          products: [{ default_code: 'SKU-1', name: 'Widget' }],
        },
        webhooks: [
          {
            model: 'purchase.order',
            url: '',
            fields: ['name', 'state', 'write_date'],
            actionId: 61,
          },
        ],
      },
    });
    sim.odoo.clearWebhooks();
    sim.odoo.addWebhook({
      model: 'purchase.order',
      url: `${receiver.url}/webhooks/odoo/odoo/token`,
      fields: ['name', 'partner_id', 'state', 'write_date'],
      actionId: 61,
    });
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.respond = () => ({ status: 200, body: '{}' });
    sim.odoo.webhookTiming = 'after-commit';
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  it('posts the exact body on create, with JSON content type and no signature', async () => {
    const id = await callKw(sim.url, 'purchase.order', 'create', [{ partner_id: 2, name: 'PO-9' }]);
    const [request] = receiver.received;
    expect(request?.body).toBe(
      `{"_action": "Send Webhook Notification(#61)", "_id": ${String(id)}, "_model": "purchase.order", "id": ${String(id)}, "name": "PO-9", "partner_id": 2, "state": "draft", "write_date": "2026-11-27 02:40:00"}`,
    );
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.url).toBe('/webhooks/odoo/odoo/token');
    expect(Object.keys(request?.headers ?? {}).filter((h) => h.startsWith('webhook-'))).toEqual([]);
  });

  it('fires for business methods too (button_confirm changes the state)', async () => {
    const id = await callKw(sim.url, 'purchase.order', 'create', [
      { partner_id: 2, order_line: [[0, 0, { product_id: 1, product_qty: 1 }]] },
    ]);
    await callKw(sim.url, 'purchase.order', 'button_confirm', [[id]]);
    expect(receiver.received.map((r) => (JSON.parse(r.body) as { state: string }).state)).toEqual([
      'draft',
      'purchase',
    ]);
  });

  it('before-commit: the receiver cannot read the new record yet (Odoo 17)', async () => {
    sim.odoo.webhookTiming = 'before-commit';
    let seenByReceiver: unknown;
    receiver.respond = async (request) => {
      const { _id } = JSON.parse(request.body) as { _id: number };
      seenByReceiver = await callKw(sim.url, 'purchase.order', 'search_count', [
        [['id', '=', _id]],
      ]);
      return { status: 200 };
    };
    const id = await callKw(sim.url, 'purchase.order', 'create', [{ partner_id: 2 }]);
    expect([seenByReceiver, sim.odoo.records('purchase.order', [['id', '=', id]]).length]).toEqual([
      0, 1,
    ]);
  });

  it('before-commit: a change stays invisible for commitDelayMs after the webhook answered', async () => {
    sim.odoo.webhookTiming = 'before-commit';
    sim.odoo.commitDelayMs = 300;
    const id = await callKw(sim.url, 'purchase.order', 'create', [
      { partner_id: 2, order_line: [[0, 0, { product_id: 1, product_qty: 1 }]] },
    ]);
    receiver.received.length = 0;
    const read = () =>
      callKw(sim.url, 'purchase.order', 'read', [[id], ['state']]) as Promise<{ state: string }[]>;
    const confirming = callKw(sim.url, 'purchase.order', 'button_confirm', [[id]]);
    const notified = await until(() => receiver.received[0]);
    await sleep(100);
    const [afterTheWebhook] = await read();
    await confirming;
    const [afterCommit] = await read();
    expect([
      (JSON.parse(notified.body) as { state: string }).state,
      afterTheWebhook?.state,
      afterCommit?.state,
    ]).toEqual(['purchase', 'draft', 'purchase']);
  });

  it('failAfterWebhook: the webhook announced a change that is then rolled back', async () => {
    sim.odoo.webhookTiming = 'before-commit';
    sim.odoo.commitDelayMs = 0;
    const id = await callKw(sim.url, 'purchase.order', 'create', [
      { partner_id: 2, order_line: [[0, 0, { product_id: 1, product_qty: 1 }]] },
    ]);
    receiver.received.length = 0;
    sim.odoo.addFault({ kind: 'failAfterWebhook', method: 'button_confirm', times: 1 });
    await expect(callKw(sim.url, 'purchase.order', 'button_confirm', [[id]])).rejects.toThrow(
      /ValidationError/,
    );
    expect([
      receiver.received.map((r) => (JSON.parse(r.body) as { state: string }).state),
      sim.odoo.record('purchase.order', Number(id))?.state,
      sim.odoo.records('stock.picking', [
        ['origin', '=', sim.odoo.record('purchase.order', Number(id))?.name ?? ''],
      ]),
    ]).toEqual([['purchase'], 'draft', []]);
  });

  it('never retries and gives up after 1 s', async () => {
    receiver.respond = async () => {
      await sleep(3000, undefined, { ref: false });
      return { status: 200 };
    };
    const started = Date.now();
    await callKw(sim.url, 'purchase.order', 'create', [{ partner_id: 2 }]);
    const elapsed = Date.now() - started;
    const last = sim.odoo.webhookLog().at(-1);
    expect(last?.error).toMatch(/abort|timeout/i);
    expect(elapsed).toBeLessThan(2500);
    await sleep(300);
    expect(receiver.received).toHaveLength(1);
  });

  it('a 500 from the receiver is not retried either', async () => {
    receiver.respond = () => ({ status: 500 });
    await callKw(sim.url, 'purchase.order', 'create', [{ partner_id: 2 }]);
    await sleep(100);
    expect([receiver.received.length, sim.odoo.webhookLog().at(-1)?.status]).toEqual([1, 500]);
  });

  it('dropWebhook loses one notification; emitWebhook sends it on demand', async () => {
    sim.odoo.addFault({ kind: 'dropWebhook', model: 'purchase.order', times: 1 });
    const id = (await callKw(sim.url, 'purchase.order', 'create', [{ partner_id: 2 }])) as number;
    expect(receiver.received).toHaveLength(0);
    expect(sim.odoo.webhookLog().at(-1)?.dropped).toBe(true);
    await fetch(`${sim.url}/__sim/odoo/webhooks/emit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'purchase.order', id }),
    });
    const request = await until(() => receiver.received[0]);
    expect((JSON.parse(request.body) as { _id: number })._id).toBe(id);
  });
});
