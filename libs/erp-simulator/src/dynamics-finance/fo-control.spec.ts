import { startErpSimulator, type ErpSimulator } from '../start-erp-simulator';
import { startReceiver, type HttpReceiver } from '../testing/http-receiver';
import { DynamicsFinanceSimulator } from './dynamics-finance-simulator';
import { parseFilter, parseKey } from './fo-odata';

let sim: ErpSimulator;
let receiver: HttpReceiver;

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}/__sim/dynamics-finance${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as unknown };
}

beforeEach(async () => {
  sim = await startErpSimulator({ modules: [new DynamicsFinanceSimulator()] });
  receiver = await startReceiver();
});
afterEach(async () => {
  await sim.close();
  await receiver.close();
});

describe('F&O simulator control API', () => {
  it('seeds an order, sets the endpoint, confirms with a duplicate delivery, lists attempts', async () => {
    expect(
      (
        await control('POST', '/purchase-orders', {
          number: 'PO-C',
          lines: [{ itemNumber: 'A0001', quantity: 1 }],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await control('PUT', '/business-events/endpoint', {
          url: `${receiver.url}/x`,
          legalEntityField: 'LegalEntity',
        })
      ).status,
    ).toBe(204);
    const confirmed = await control('POST', '/purchase-orders/PO-C/confirm', { duplicate: true });
    expect(confirmed.body).toMatchObject({
      statuses: [200, 200],
      event: { LegalEntity: 'USMF', PurchaseOrderNumber: 'PO-C' },
    });
    expect(receiver.received.map((r) => r.body)).toEqual([
      receiver.received[0]?.body,
      receiver.received[0]?.body,
    ]);
    expect(((await control('GET', '/business-events/attempts')).body as unknown[]).length).toBe(2);
  });

  it('accepts the F&O fault kinds and refuses others with 400', async () => {
    expect(
      (
        await control('POST', '/faults', {
          kind: 'failAfterCommit',
          model: 'HubPostProductReceipt',
          times: 1,
        })
      ).status,
    ).toBe(201);
    expect(
      (await control('POST', '/faults', { kind: 'odooError', name: 'x', message: 'y' })).status,
    ).toBe(400);
    expect((await control('POST', '/purchase-orders', { lines: [] })).status).toBe(400);
    expect((await control('POST', '/purchase-orders/NOPE/confirm', {})).status).toBe(400);
  });
});

describe('F&O OData parsing', () => {
  it('parses keys with quoted strings and numbers', () => {
    expect(parseKey("(dataAreaId='usmf',JournalNumber='00''42',LineNumber=2)")).toEqual({
      dataAreaId: 'usmf',
      JournalNumber: "00'42",
      LineNumber: 2,
    });
    expect(parseKey('(nonsense)')).toBeUndefined();
  });

  it('parses eq/ge with and, or groups, enum literals and datetimes; refuses `in` like F&O', () => {
    expect(
      parseFilter(
        "dataAreaId eq 'usmf' and HubModifiedDateTime ge 2026-12-03T10:00:00.000Z and HubIsPosted eq Microsoft.Dynamics.DataEntities.NoYes'Yes'",
      ).map((group) => group.map((c) => [c.field, c.op, c.literal.kind])),
    ).toEqual([
      [['dataAreaId', 'eq', 'string']],
      [['HubModifiedDateTime', 'ge', 'datetime']],
      [['HubIsPosted', 'eq', 'string']],
    ]);
    expect(
      parseFilter("dataAreaId eq 'usmf' and (ItemNumber eq 'A' or ItemNumber eq 'B')").map(
        (group) => group.map((c) => c.literal.value),
      ),
    ).toEqual([['usmf'], ['A', 'B']]);
    expect(() => parseFilter("ItemNumber in ('A','B')")).toThrow(
      'The query specified in the URI is not valid',
    );
  });
});
