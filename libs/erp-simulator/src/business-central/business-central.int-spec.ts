/**
 * The Business Central simulator over HTTP: token endpoint, OData envelopes and errors,
 * If-Match, throttling, the extension's actions, $batch, and fidelity with
 * the examples recorded from Microsoft's documentation (./recorded).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BC_SCOPE } from './bc-auth';
import { startBcSession, type BcTestSession, type Json } from './bc-test-session';
import { BC_DEFAULT_TENANT } from './business-central-simulator';
const recorded = (name: string): Json =>
  JSON.parse(readFileSync(join(__dirname, 'recorded', name), 'utf8')) as Json;

describe('Business Central simulator', () => {
  let session: BcTestSession;
  let sim: BcTestSession['sim'];
  let bc: BcTestSession['bc'];
  let api: string;
  let hub: string;
  const call: BcTestSession['call'] = (url, init) => session.call(url, init);

  beforeEach(async () => {
    session = await startBcSession({
      companies: [
        {
          name: 'CRONUS',
          locations: ['MAIN', 'EAST'],
          items: [{ number: '1896-S' }],
          stock: { '1896-S': { MAIN: 4 } },
        },
      ],
      rateLimit: { requests: 50, windowMs: 60_000 },
    });
    ({ sim, bc, api, hub } = session);
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
    const set = (quantity: number, hubReference: string, sourceVersion?: number) =>
      call(`${hub}/hubItems(${item?.id ?? ''})/Microsoft.NAV.setInventory`, {
        method: 'POST',
        body: JSON.stringify({ locationCode: 'MAIN', quantity, hubReference, sourceVersion }),
      });
    expect((await set(10, 'c1-a', 1_000)).status).toBe(204);
    expect((await set(10, 'c1-a', 1_000)).status).toBe(204);
    expect((await set(7, 'c1-b', 2_000)).status).toBe(204);
    // Counted before c1-b, arriving after it (a request BC finished after its caller gave up).
    expect((await set(3, 'c1-late', 1_500)).status).toBe(204);
    expect((await set(3, 'c1-none')).status).toBe(400);
    expect(bc.onHand('CRONUS', '1896-S', 'MAIN')).toBe(7);
    const writes = await call(`${hub}/hubInventoryWrites`);
    expect(
      (writes.body.value as Json[]).map((w) => [w.hubReference, w.quantity, w.adjustment]),
    ).toEqual([
      ['c1-a', 10, 6],
      ['c1-b', 7, -3],
      ['c1-late', 3, 0],
    ]);
    const order = bc.addPurchaseOrder('CRONUS', {
      lines: [{ item: '1896-S', quantity: 5, location: 'EAST' }],
    });
    const receive = (receiptNumber: string, quantity: number) =>
      call(`${hub}/hubPurchaseOrders(${order.id})/Microsoft.NAV.receiveOnly`, {
        method: 'POST',
        body: JSON.stringify({
          receiptNumber,
          lines: JSON.stringify([{ sequence: 10000, quantity }]),
        }),
      });
    // What the post books is what it was given, whatever the lines' Qty. to Receive said.
    order.lines.forEach((line) => (line.receiveQuantity = 1));
    expect((await receive('HABC', 6)).status).toBe(400);
    expect((await receive('HABC', 3)).status).toBe(204);
    expect((await receive('HABC', 2)).status).toBe(409);
    expect((await receive('HDEF', 2)).status).toBe(204);
    expect(order.lines.map((line) => line.receivedQuantity)).toEqual([5]);
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

  it('runs a $batch with snapshot isolation as one transaction: one stale ETag rolls back every change', async () => {
    const order = bc.addPurchaseOrder('CRONUS', {
      lines: [
        { item: '1896-S', quantity: 5, location: 'MAIN' },
        { item: '1896-S', quantity: 6, location: 'EAST' },
      ],
    });
    const [first, second] = order.lines;
    const lines = (await call(`${api}/purchaseOrders(${order.id})/purchaseOrderLines`)).body
      .value as Json[];
    const inner = (line: Json, id: string, etag: string) => ({
      id,
      method: 'PATCH',
      url: `companies(${bc.company('CRONUS').id})/purchaseOrders(${order.id})/purchaseOrderLines(${String(line.id)})`,
      headers: { 'Content-Type': 'application/json', 'If-Match': etag },
      body: { receiveQuantity: 1 },
    });
    const batch = (requests: unknown[]) =>
      call(`${sim.url}/bc/v2.0/${BC_DEFAULT_TENANT}/production/api/v2.0/$batch`, {
        method: 'POST',
        headers: { isolation: 'snapshot' },
        body: JSON.stringify({ requests }),
      });
    const [a = {}, b = {}] = lines;
    const failed = await batch([
      inner(a, '1', String(a['@odata.etag'])),
      inner(b, '2', 'W/"stale"'),
    ]);
    expect((failed.body.responses as Json[]).map((r) => r.status)).toEqual([200, 409]);
    expect([first?.receiveQuantity, second?.receiveQuantity]).toEqual([5, 6]);
    const ok = await batch([
      inner(a, '1', String(a['@odata.etag'])),
      inner(b, '2', String(b['@odata.etag'])),
    ]);
    expect((ok.body.responses as Json[]).map((r) => r.status)).toEqual([200, 200]);
    expect([first?.receiveQuantity, second?.receiveQuantity]).toEqual([1, 1]);
    const tooMany = await batch(Array.from({ length: 101 }, (_, i) => inner(a, String(i), '*')));
    expect(tooMany.status).toBe(400);
  });

  it('control routes: add a purchase order, set the rate limit, report the state', async () => {
    const control = (path: string, body: unknown) =>
      fetch(`${sim.url}/__sim/business-central/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await control('purchase-orders', {
      company: 'CRONUS',
      number: 'PO-9',
      lines: [{ item: '1896-S', quantity: 2, location: 'MAIN' }],
    });
    expect([created.status, ((await created.json()) as Json).number]).toEqual([201, 'PO-9']);
    expect(
      (
        await control('purchase-orders', {
          company: 'CRONUS',
          lines: [{ item: 'NOPE', quantity: 1, location: 'MAIN' }],
        })
      ).status,
    ).toBe(400);
    expect((await control('rate-limit', { requests: 1, windowMs: 60_000 })).status).toBe(204);
    expect((await call(`${api}/locations`)).status).toBe(200);
    expect((await call(`${api}/locations`)).status).toBe(429);
    const state = (await (await fetch(`${sim.url}/__sim/business-central/state`)).json()) as {
      companies: Json[];
    };
    expect(state.companies[0]?.onHand).toEqual({ '1896-S': { MAIN: 4, EAST: 0 } });
  });

  it('answers 404 on the extension API when the extension is not installed', async () => {
    bc.extensionInstalled = false;
    const { status, body } = await call(`${hub}/hubInventoryWrites`);
    expect([status, (body.error as Json).code]).toEqual([404, 'BadRequest_NotFound']);
  });
});
