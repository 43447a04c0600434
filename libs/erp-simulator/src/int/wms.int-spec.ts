import { Webhook } from 'standardwebhooks';
import { startErpSimulator, type ErpSimulator } from '../start-erp-simulator';
import { startReceiver, type HttpReceiver } from '../testing/http-receiver';

const hubSecret = `whsec_${Buffer.from('a-hub-to-wms-secret-of-32-bytes!').toString('base64')}`;
const ingressSecret = `whsec_${Buffer.from('a-wms-to-ingress-secret-32-bytes').toString('base64')}`;

function deliver(
  sim: ErpSimulator,
  body: string,
  { id = `msg_${Math.random().toString(36).slice(2)}`, secret = hubSecret } = {},
): Promise<Response> {
  const at = new Date();
  return fetch(`${sim.url}/wms/purchase-orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, body),
    },
    body,
  });
}

const poBody = JSON.stringify({
  type: 'purchase-order.confirmed',
  timestamp: '2026-11-27T02:40:00Z',
  data: { poNumber: 'PO-1' },
});

describe('WMS simulator', () => {
  let sim: ErpSimulator;
  let ingress: HttpReceiver;

  beforeAll(async () => {
    ingress = await startReceiver();
    sim = await startErpSimulator({
      wms: {
        receiveSecret: hubSecret,
        emitSecret: ingressSecret,
        ingressUrl: `${ingress.url}/webhooks/wms/wms`,
      },
    });
  });
  beforeEach(() => {
    sim.wms.reset();
    sim.wms.clearFaults();
    ingress.received.length = 0;
    ingress.respond = () => ({ status: 202, body: '{"status":"accepted"}' });
  });
  afterAll(async () => {
    await sim.close();
    await ingress.close();
  });

  describe('receiving deliveries from the hub', () => {
    it('verifies the signature, records the delivery once and answers duplicates 200', async () => {
      const first = await deliver(sim, poBody, { id: 'msg_same' });
      const again = await deliver(sim, poBody, { id: 'msg_same' });
      expect([first.status, await first.json(), again.status, await again.json()]).toEqual([
        200,
        { status: 'accepted' },
        200,
        { status: 'duplicate' },
      ]);
      const deliveries = sim.wms.deliveries();
      expect(deliveries.map((d) => [d.webhookId, d.path, d.attempts, d.body])).toEqual([
        ['msg_same', '/wms/purchase-orders', 2, JSON.parse(poBody)],
      ]);
    });

    it('refuses a bad signature with 401 problem+json and records nothing', async () => {
      const response = await deliver(sim, poBody, { secret: ingressSecret });
      expect([response.status, response.headers.get('content-type')]).toEqual([
        401,
        'application/problem+json; charset=utf-8',
      ]);
      expect(sim.wms.deliveries()).toEqual([]);
      expect(sim.wms.attempts().map((a) => a.outcome)).toEqual(['rejected']);
    });

    it.each([
      ['503 outage', { kind: 'outage', mode: '503' } as const, 503, null],
      ['429 with Retry-After', { kind: 'rateLimit', retryAfterSeconds: 3 } as const, 429, '3'],
      ['410 Gone', { kind: 'gone' } as const, 410, null],
    ])('answers %s without recording', async (_label, fault, status, retryAfter) => {
      sim.wms.addFault({ ...fault, times: 1 });
      const response = await deliver(sim, poBody);
      expect([
        response.status,
        response.headers.get('retry-after'),
        sim.wms.deliveries().length,
      ]).toEqual([status, retryAfter, 0]);
    });

    it('failAfterCommit records the delivery, answers 500; the retry is a duplicate', async () => {
      sim.wms.addFault({ kind: 'failAfterCommit', times: 1 });
      const first = await deliver(sim, poBody, { id: 'msg_retry' });
      const retry = await deliver(sim, poBody, { id: 'msg_retry' });
      expect([first.status, retry.status, sim.wms.deliveries().length]).toEqual([500, 200, 1]);
    });

    it('dropAfterCommit and refuse-connection drop the connection', async () => {
      sim.wms.addFault({ kind: 'dropAfterCommit', times: 1 });
      await expect(deliver(sim, poBody, { id: 'msg_drop' })).rejects.toThrow();
      sim.wms.addFault({ kind: 'outage', mode: 'refuse-connection', times: 1 });
      await expect(deliver(sim, poBody, { id: 'msg_refused' })).rejects.toThrow();
      expect(sim.wms.deliveries().map((d) => d.webhookId)).toEqual(['msg_drop']);
    });

    it('latency delays the answer', async () => {
      sim.wms.addFault({ kind: 'latency', latencyMs: 250, times: 1 });
      const started = Date.now();
      await deliver(sim, poBody);
      expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    });
  });

  describe('emitting events to the ingress', () => {
    const level = {
      sku: 'SKU-1001',
      warehouse: 'WH-EAST',
      quantityOnHand: '125.50',
      unitOfMeasure: 'PCS',
      asOf: '2026-11-27T02:39:58.123Z',
    };

    it('signs an inventory level the way the ingress verifies it', async () => {
      const result = await sim.wms.emitInventoryLevel(level, { webhookId: 'msg_level_1' });
      expect([result.status, result.body]).toEqual([202, { status: 'accepted' }]);
      const [request] = ingress.received;
      expect(request?.url).toBe('/webhooks/wms/wms');
      const verified = new Webhook(ingressSecret).verify(request?.body ?? '', {
        'webhook-id': String(request?.headers['webhook-id']),
        'webhook-timestamp': String(request?.headers['webhook-timestamp']),
        'webhook-signature': String(request?.headers['webhook-signature']),
      });
      expect(verified).toEqual({
        type: 'inventory-level.changed',
        timestamp: expect.any(String) as unknown,
        data: level,
      });
    });

    it('emits a batch (goods receipts and levels) and returns the answers in order', async () => {
      const receipt = {
        receiptId: 'GR-1',
        poNumber: 'P00001',
        warehouse: 'WH-EAST',
        receivedAt: '2026-11-27T03:00:00Z',
        lines: [{ poLineNumber: 10, sku: 'SKU-1001', quantityReceived: '4', unitOfMeasure: 'PCS' }],
      };
      ingress.respond = (request) => ({
        status: request.body.includes('goods-receipt') ? 202 : 400,
      });
      const results = await sim.wms.emitBatch(
        [
          { type: 'goods-receipt.recorded', data: receipt },
          { type: 'inventory-level.changed', data: level },
          { type: 'goods-receipt.recorded', data: receipt, webhookId: 'msg_fixed' },
        ],
        { concurrency: 2 },
      );
      expect(results.map((r) => r.status)).toEqual([202, 400, 202]);
      expect(results[2]?.webhookId).toBe('msg_fixed');
      expect(ingress.received).toHaveLength(3);
    });

    it('emits through the control API', async () => {
      const response = await fetch(`${sim.url}/__sim/wms/emit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ events: [{ type: 'inventory-level.changed', data: level }] }),
      });
      expect([
        response.status,
        ((await response.json()) as { status: number }[]).map((r) => r.status),
      ]).toEqual([200, [202]]);
    });
  });
});
