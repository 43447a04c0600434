/**
 * The Business Central simulator over HTTP: token endpoint, OData envelopes and errors,
 * If-Match, throttling, the extension's actions, webhook subscriptions, and fidelity with
 * the examples recorded from Microsoft's documentation (./recorded).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startErpSimulator, type ErpSimulator } from '../start-erp-simulator';
import { startReceiver, until, type HttpReceiver } from '../testing/http-receiver';
import { BC_SCOPE } from './bc-auth';
import { BC_DEFAULT_TENANT, BusinessCentralSimulator } from './business-central-simulator';

type Json = Record<string, unknown>;
const recorded = (name: string): Json =>
  JSON.parse(readFileSync(join(__dirname, 'recorded', name), 'utf8')) as Json;

describe('Business Central simulator', () => {
  let sim: ErpSimulator;
  let bc: BusinessCentralSimulator;
  let token: string;
  let api: string;
  let hub: string;

  const call = async (
    url: string,
    init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(url, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text === '' ? {} : JSON.parse(text)) as Json,
    };
  };

  beforeEach(async () => {
    bc = new BusinessCentralSimulator({
      companies: [
        {
          name: 'CRONUS',
          locations: ['MAIN', 'EAST'],
          items: [{ number: '1896-S' }],
          stock: { '1896-S': { MAIN: 4 } },
        },
      ],
      rateLimit: { requests: 50, windowMs: 60_000 },
      subscriptions: { delayMs: 100, retryDelayMs: 100, expiryMs: 60_000 },
    });
    sim = await startErpSimulator({ modules: [bc] });
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'hub-client',
      client_secret: 'hub-secret',
      scope: BC_SCOPE,
    });
    const tokenResponse = await fetch(
      `${sim.url}/bc/login/${BC_DEFAULT_TENANT}/oauth2/v2.0/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      },
    );
    token = ((await tokenResponse.json()) as { access_token: string }).access_token;
    const company = bc.company('CRONUS').id;
    api = `${sim.url}/bc/v2.0/${BC_DEFAULT_TENANT}/production/api/v2.0/companies(${company})`;
    hub = `${sim.url}/bc/v2.0/${BC_DEFAULT_TENANT}/production/api/hub/wms/v1.0/companies(${company})`;
  });
  afterEach(() => sim.close());

  it('refuses a wrong secret with Entra error JSON and a missing token with 401', async () => {
    const response = await fetch(`${sim.url}/bc/login/${BC_DEFAULT_TENANT}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=hub-client&client_secret=nope&scope=${encodeURIComponent(BC_SCOPE)}`,
    });
    const body = (await response.json()) as Json;
    expect([response.status, body.error, body.error_codes]).toEqual([
      401,
      'invalid_client',
      [7000215],
    ]);
    const unauthorized = await fetch(`${api}/items`);
    expect(unauthorized.status).toBe(401);
    expect(((await unauthorized.json()) as { error: Json }).error.code).toBe(
      'Authentication_InvalidCredentials',
    );
  });

  it('serves items in an OData envelope with the fields of the documented example', async () => {
    const { status, body } = await call(`${api}/items?$filter=number eq '1896-S'`);
    expect(status).toBe(200);
    expect(String(body['@odata.context'])).toMatch(/\$metadata#companies\([^)]+\)\/items$/);
    const [item] = body.value as Json[];
    const example = recorded('item-get.json').response as Json;
    for (const [key, value] of Object.entries(example))
      expect([key, typeof item?.[key]]).toEqual([key, typeof value]);
    expect([item?.inventory, item?.['@odata.etag']]).toEqual([4, expect.stringMatching(/^W\/"/)]);
  });

  it('requires If-Match on PATCH (400) and refuses a stale ETag (409), with the documented codes', async () => {
    bc.addPurchaseOrder('CRONUS', {
      number: 'PO-1',
      lines: [{ item: '1896-S', quantity: 5, location: 'MAIN' }],
    });
    const order = bc.company('CRONUS').purchaseOrders[0];
    const lines = await call(`${api}/purchaseOrders(${order?.id ?? ''})/purchaseOrderLines`);
    const line = (lines.body.value as Json[])[0] ?? {};
    const url = `${api}/purchaseOrders(${order?.id ?? ''})/purchaseOrderLines(${String(line.id)})`;
    const body = JSON.stringify({ receiveQuantity: 2 });
    const errors = recorded('errors.json');
    const missing = await call(url, { method: 'PATCH', body });
    expect([missing.status, (missing.body.error as Json).code]).toEqual([
      400,
      (errors.missingIfMatch as Json).code,
    ]);
    const etag = String(line['@odata.etag']);
    const ok = await call(url, { method: 'PATCH', body, headers: { 'if-match': etag } });
    expect([ok.status, ok.body.receiveQuantity]).toEqual([200, 2]);
    const stale = await call(url, { method: 'PATCH', body, headers: { 'if-match': etag } });
    expect([stale.status, (stale.body.error as Json).code]).toEqual([
      409,
      (errors.staleEtag as Json).code,
    ]);
    expect(String((stale.body.error as Json).message)).toMatch(
      /^Another user has already changed the record\.\s+CorrelationId:/,
    );
  });

  it('answers 429 with Retry-After past the configured rate and counts nothing refused', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 52; i += 1) statuses.push((await call(`${api}/locations`)).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    const refused = await call(`${api}/locations`);
    expect([refused.status, Number(refused.headers.get('retry-after')) > 0]).toEqual([429, true]);
    expect((refused.body.error as Json).code).toBe('Application_TooManyRequests');
    expect(bc.requests).toHaveLength(50);
  });

  it('sets on-hand through the extension once per reference and receives without invoicing', async () => {
    const item = bc.company('CRONUS').items[0];
    const set = (quantity: number, hubReference: string) =>
      call(`${hub}/hubItems(${item?.id ?? ''})/Microsoft.NAV.setInventory`, {
        method: 'POST',
        body: JSON.stringify({ locationCode: 'MAIN', quantity, hubReference }),
      });
    expect((await set(10, 'c1-a')).status).toBe(204);
    expect((await set(10, 'c1-a')).status).toBe(204);
    expect((await set(7, 'c1-b')).status).toBe(204);
    expect(bc.onHand('CRONUS', '1896-S', 'MAIN')).toBe(7);
    const writes = await call(`${hub}/hubInventoryWrites?$filter=hubReference eq 'c1-a'`);
    expect((writes.body.value as Json[]).map((w) => [w.quantity, w.adjustment])).toEqual([[10, 6]]);
    const order = bc.addPurchaseOrder('CRONUS', {
      lines: [{ item: '1896-S', quantity: 5, location: 'EAST' }],
    });
    const receive = () =>
      call(`${hub}/hubPurchaseOrders(${order.id})/Microsoft.NAV.receiveOnly`, {
        method: 'POST',
        body: JSON.stringify({ receiptNumber: 'HABC' }),
      });
    expect((await receive()).status).toBe(204);
    expect((await receive()).status).toBe(409);
    const receipts = await call(
      `${api}/purchaseReceipts?$filter=number eq 'HABC'&$expand=purchaseReceiptLines`,
    );
    const [receipt] = receipts.body.value as Json[];
    expect([receipt?.orderNumber, (receipt?.purchaseReceiptLines as Json[]).length]).toEqual([
      order.number,
      1,
    ]);
    expect(bc.onHand('CRONUS', '1896-S', 'EAST')).toBe(5);
  });

  it('answers 404 on the extension API when the extension is not installed', async () => {
    bc.extensionInstalled = false;
    const { status, body } = await call(`${hub}/hubInventoryWrites`);
    expect([status, (body.error as Json).code]).toEqual([404, 'BadRequest_NotFound']);
  });

  describe('webhook subscriptions', () => {
    let receiver: HttpReceiver;
    beforeEach(async () => {
      receiver = await startReceiver();
      receiver.respond = (request) => {
        const token = new URL(request.url, 'http://x').searchParams.get('validationToken');
        return token === null ? { status: 202 } : { status: 200, body: token };
      };
    });
    afterEach(() => receiver.close());

    const subscribe = () =>
      call(`${sim.url}/bc/v2.0/${BC_DEFAULT_TENANT}/production/api/v2.0/subscriptions`, {
        method: 'POST',
        body: JSON.stringify({
          notificationUrl: `${receiver.url}/hook`,
          resource: `/api/v2.0/companies(${bc.company('CRONUS').id})/items`,
          clientState: 'secret',
        }),
      });

    it('handshakes, coalesces changes into one POST of the documented shape, and deletes on a 4xx answer', async () => {
      const created = await subscribe();
      expect([created.status, typeof created.body.subscriptionId]).toEqual([201, 'string']);
      expect(receiver.received[0]?.url).toMatch(/validationToken=/);
      const company = bc.company('CRONUS');
      bc.store.post(company, '1896-S', 'MAIN', 1, 'Positive Adjmt.', 'X');
      bc.store.post(company, '1896-S', 'MAIN', 1, 'Positive Adjmt.', 'Y');
      const notification = await until(() => receiver.received.find((r) => r.url === '/hook'));
      const [item] = (JSON.parse(notification.body) as { value: Json[] }).value;
      const example =
        ((recorded('webhook-notification.json').notification as Json).value as Json[])[0] ?? {};
      expect(Object.keys(item ?? {}).sort()).toEqual(Object.keys(example).sort());
      expect(receiver.received.filter((r) => r.url === '/hook')).toHaveLength(1);
      receiver.respond = () => ({ status: 400 });
      bc.store.post(company, '1896-S', 'MAIN', 1, 'Positive Adjmt.', 'Z');
      await until(() => (bc.subscriptions.list().length === 0 ? true : undefined));
    });

    it('refuses a subscription whose endpoint does not echo the token, and purchaseOrders', async () => {
      receiver.respond = () => ({ status: 200, body: 'not the token' });
      expect((await subscribe()).status).toBe(400);
      receiver.respond = (request) => ({
        status: 200,
        body: new URL(request.url, 'http://x').searchParams.get('validationToken') ?? '',
      });
      const orders = await call(
        `${sim.url}/bc/v2.0/${BC_DEFAULT_TENANT}/production/api/v2.0/subscriptions`,
        {
          method: 'POST',
          body: JSON.stringify({
            notificationUrl: receiver.url,
            resource: `api/v2.0/companies(${bc.company('CRONUS').id})/purchaseOrders`,
          }),
        },
      );
      expect(orders.status).toBe(400);
      expect(bc.subscriptions.list()).toEqual([]);
    });
  });
});
