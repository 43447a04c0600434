import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startErpSimulator, type ErpSimulator } from '../start-erp-simulator';
import { startReceiver } from '../testing/http-receiver';
import { DynamicsFinanceSimulator } from './dynamics-finance-simulator';
import { DEFAULT_FO_ENTRA_APP } from './fo-entra';

type Json = Record<string, unknown>;
const recorded = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, 'recorded', name), 'utf8')) as Record<string, Json>;

/** The same property names, and the same JSON type for each, recursively into the first array element. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shapeOf(v)]),
    );
  return typeof value;
}

let sim: ErpSimulator;
let fo: DynamicsFinanceSimulator;
let token: string;

async function call(path: string, init: { method?: string; body?: string } = {}, bearer = token) {
  const response = await fetch(`${sim.url}/fo/data/${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${bearer}`,
      'content-type': 'application/json',
    },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? {} : JSON.parse(text)) as Json,
  };
}

async function getToken(scope: string, secret = DEFAULT_FO_ENTRA_APP.clientSecret) {
  const response = await fetch(
    `${sim.url}/fo/entra/${DEFAULT_FO_ENTRA_APP.tenantId}/oauth2/v2.0/token`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DEFAULT_FO_ENTRA_APP.clientId,
        client_secret: secret,
        scope,
      }).toString(),
    },
  );
  return { status: response.status, body: (await response.json()) as Json };
}

beforeEach(async () => {
  fo = new DynamicsFinanceSimulator({ pageSize: 2 });
  sim = await startErpSimulator({ modules: [fo] });
  token = String((await getToken(`${sim.url}/.default`)).body.access_token);
});
afterEach(async () => {
  await sim.close();
});

describe('F&O simulator: Entra ID and OData', () => {
  it('answers tokens and token errors in the shapes Microsoft documents', async () => {
    const ok = await getToken(`${sim.url}/.default`);
    expect(shapeOf(ok.body)).toEqual(shapeOf(recorded('token-response.json').example));
    const refused = await getToken('https://x/', 'wrong');
    expect(refused.status).toBe(401);
    expect(shapeOf(refused.body)).toEqual(shapeOf(recorded('token-response.json').error));
    expect(String(refused.body.error_description)).toMatch(/^AADSTS7000215: Invalid client secret/);
  });

  it('refuses a call without a token, or with a token for another resource, with 401', async () => {
    expect((await call('Warehouses', {}, 'nope')).status).toBe(401);
    const other = String(
      (await getToken('https://other.operations.dynamics.com/.default')).body.access_token,
    );
    expect((await call('Warehouses', {}, other)).status).toBe(401);
  });

  it('pages collections with @odata.nextLink and scopes them to the default company unless cross-company', async () => {
    fo.pageSize = 1;
    const first = await call('Warehouses');
    const envelope = (body: Json) => Object.keys(body).sort();
    const example = recorded('collection.json').example as Json;
    expect(envelope(first.body)).toEqual(envelope(example));
    expect(Object.keys((first.body.value as Json[])[0] ?? {})[0]).toBe('@odata.etag');
    const next = String(first.body['@odata.nextLink']);
    const second = await call(next.slice(next.indexOf('/fo/data/') + '/fo/data/'.length));
    expect([first.body.value, second.body.value].flat().map((w) => (w as Json).dataAreaId)).toEqual(
      ['usmf', 'usmf'],
    );
    expect(second.body).not.toHaveProperty('@odata.nextLink');
    const all = await call("Warehouses?cross-company=true&$filter=dataAreaId eq 'demf'");
    expect((all.body.value as Json[]).map((w) => w.WarehouseId)).toEqual(['11']);
  });

  it('refuses an invalid line with AxODataWriteException, HTTP 500, the Infolog in innererror', async () => {
    const header = await call('InventoryCountingJournalHeaders', {
      method: 'POST',
      body: JSON.stringify({ dataAreaId: 'usmf', JournalNameId: 'ICnt', Description: 'c1-x' }),
    });
    expect(header.status).toBe(201);
    const line = await call('InventoryCountingJournalLines', {
      method: 'POST',
      body: JSON.stringify({
        dataAreaId: 'usmf',
        JournalNumber: header.body.JournalNumber,
        ItemNumber: 'NOPE',
        WarehouseId: '11',
        CountedQuantity: 1,
      }),
    });
    expect(line.status).toBe(500);
    expect(shapeOf(line.body)).toEqual(shapeOf(recorded('write-failure.json').example));
    const inner = (line.body.error as Json).innererror as Json;
    expect(inner.message).toContain('Item number NOPE does not exist');
  });

  it('posts a counting journal once through the shipped action (absolute count)', async () => {
    const header = await call('InventoryCountingJournalHeaders', {
      method: 'POST',
      body: JSON.stringify({ dataAreaId: 'usmf', JournalNameId: 'ICnt', Description: 'c1-y' }),
    });
    const number = String(header.body.JournalNumber);
    await call('InventoryCountingJournalLines', {
      method: 'POST',
      body: JSON.stringify({
        dataAreaId: 'usmf',
        JournalNumber: number,
        ItemNumber: 'A0001',
        InventorySiteId: '1',
        WarehouseId: '11',
        CountedQuantity: 42,
      }),
    });
    const action = `InventoryCountingJournalHeaders(dataAreaId='usmf',JournalNumber='${number}')/Microsoft.Dynamics.DataEntities.HubPostCountingJournal`;
    const posted = await call(action, { method: 'POST', body: '{}' });
    const again = await call(action, { method: 'POST', body: '{}' });
    expect([posted.body.value, again.body.value]).toEqual(['Posted', 'AlreadyPosted']);
    expect(fo.store.onHandOf('A0001', '11')).toBe(42);
    expect(fo.store.postings).toEqual([number]);
  });

  it('posts a product receipt of a confirmed order and refuses the same receipt number again', async () => {
    fo.seedPurchaseOrder({ number: 'PO-1', lines: [{ itemNumber: 'A0001', quantity: 5 }] });
    const action =
      "PurchaseOrderHeadersV2(dataAreaId='usmf',PurchaseOrderNumber='PO-1')/Microsoft.Dynamics.DataEntities.HubPostProductReceipt";
    const body = JSON.stringify({
      ProductReceiptNumber: 'H-1',
      ProductReceiptDate: '2026-12-03',
      LinesJson: '[{"LineNumber":1,"ReceivedQuantity":5}]',
    });
    const unconfirmed = await call(action, { method: 'POST', body });
    expect(unconfirmed.body).toMatchObject({
      error: { innererror: { type: 'Microsoft.Dynamics.Ax.Xpp.ErrorException' } },
    });
    fo.store.purchaseOrder('usmf', 'PO-1')!.approval = 'Confirmed';
    expect((await call(action, { method: 'POST', body })).body.value).toBe('H-1');
    expect((await call(action, { method: 'POST', body })).status).toBe(500);
    const receipts = await call("ProductReceiptHeaders?$filter=ProductReceiptNumber eq 'H-1'");
    expect((receipts.body.value as Json[]).length).toBe(1);
  });

  it('throttles with 429 and Retry-After when told to', async () => {
    fo.addFault({ kind: 'rateLimit', retryAfterSeconds: 2, times: 1 });
    const throttled = await call('Warehouses');
    expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([429, '2']);
    expect((await call('Warehouses')).status).toBe(200);
  });

  it('sends "Purchase order confirmed" unsigned, retries a failed answer, control numbers increase', async () => {
    const receiver = await startReceiver();
    try {
      fo.events.endpoint = { url: `${receiver.url}/hook`, retryDelayMs: 5 };
      fo.seedPurchaseOrder({ number: 'PO-2', lines: [{ itemNumber: 'A0002', quantity: 3 }] });
      fo.seedPurchaseOrder({ number: 'PO-3', lines: [{ itemNumber: 'A0002', quantity: 3 }] });
      let calls = 0;
      receiver.respond = () => ((calls += 1) === 1 ? { status: 503 } : { status: 200, body: '{}' });
      const first = await fo.confirmPurchaseOrder('PO-2');
      const second = await fo.confirmPurchaseOrder('PO-3');
      expect(first.statuses).toEqual([200]);
      expect(receiver.received).toHaveLength(3);
      const sent = receiver.received.map((r) => JSON.parse(r.body) as Json);
      expect(shapeOf(sent[0])).toEqual(shapeOf(recorded('purchase-order-confirmed.json').example));
      expect(receiver.received[0]?.headers).not.toHaveProperty('authorization');
      expect(Number(second.event.ControlNumber)).toBeGreaterThan(Number(first.event.ControlNumber));
    } finally {
      await receiver.close();
    }
  });
});
