/**
 * The Business Central module's per-company control routes over HTTP: items seeded and then
 * found by the API, a released order created, a fault scoped to one extension action, and the
 * report of what BC booked (inventory writes by reference, ledger, posted receipts).
 */
import { startBcSession, type BcTestSession, type Json } from './bc-test-session';

describe('Business Central control routes', () => {
  let session: BcTestSession;
  let control: string;

  const post = async (path: string, body: unknown): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${control}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };

  beforeEach(async () => {
    session = await startBcSession({ companies: [{ name: 'CRONUS', locations: ['MAIN'] }] });
    control = `${session.sim.url}/__sim/business-central`;
  });
  afterEach(() => session.sim.close());

  it('seeds items and a location that the API then finds; bad input and an unknown company are 400', async () => {
    const seeded = await post('/companies/CRONUS/items', {
      locations: ['WH-EAST'],
      items: [{ number: 'CH-1' }, { number: 'CH-2', displayName: 'Two' }],
    });
    const again = await post('/companies/CRONUS/items', { items: [{ number: 'CH-1' }] });
    const found = await session.call(`${session.api}/items?$filter=number eq 'CH-2'`);
    const locations = await session.call(`${session.api}/locations?$filter=code eq 'WH-EAST'`);
    const bad = await post('/companies/CRONUS/items', { items: [{ name: 'no number' }] });
    const unknown = await post('/companies/NOPE/items', { items: [] });
    const firstId = (seeded.body.items as { id: string }[])[0]?.id;
    expect([
      seeded.status,
      (again.body.items as { id: string }[])[0]?.id === firstId,
      (found.body.value as Json[]).map((item) => item.displayName),
      (locations.body.value as Json[]).length,
      bad.status,
      unknown.status,
    ]).toEqual([201, true, ['Two'], 1, 400, 400]);
  });

  it("reports what BC booked: writes by reference, the ledger, a receipt's lines; a fault scoped to setInventory spares receiveOnly", async () => {
    const items = (await post('/companies/CRONUS/items', { items: [{ number: 'CH-1' }] })).body
      .items as { id: string }[];
    const order = (
      await post('/companies/CRONUS/purchase-orders', {
        number: 'PO-1',
        lines: [{ item: 'CH-1', quantity: 5, location: 'MAIN' }],
      })
    ).body;
    await post('/faults', { kind: 'outage', mode: '503', method: 'setInventory', times: 1 });
    const setInventory = (reference: string, quantity: number) =>
      session.call(`${session.hub}/hubItems(${items[0]?.id ?? ''})/Microsoft.NAV.setInventory`, {
        method: 'POST',
        body: JSON.stringify({
          locationCode: 'MAIN',
          quantity,
          hubReference: reference,
          sourceVersion: 1_000,
        }),
      });
    const refused = await setInventory('c-1', 7);
    const applied = await setInventory('c-1', 7);
    const repeated = await setInventory('c-1', 7);
    const received = await session.call(
      `${session.hub}/hubPurchaseOrders(${String(order.id)})/Microsoft.NAV.receiveOnly`,
      {
        method: 'POST',
        body: JSON.stringify({
          receiptNumber: 'R-1',
          lines: JSON.stringify([{ sequence: 10000, quantity: 5 }]),
        }),
      },
    );
    const report = (await (await fetch(`${control}/companies/CRONUS/report`)).json()) as Json;
    expect([refused.status, applied.status, repeated.status, received.status]).toEqual([
      503, 204, 204, 204,
    ]);
    expect(report).toEqual({
      inventoryWrites: [
        {
          hubReference: 'c-1',
          itemNumber: 'CH-1',
          locationCode: 'MAIN',
          quantity: 7,
          adjustment: 7,
          sourceVersion: 1_000,
        },
      ],
      ledgerEntries: [
        expect.objectContaining({ itemNumber: 'CH-1', quantity: 7, entryType: 'Positive Adjmt.' }),
        expect.objectContaining({ quantity: 5, entryType: 'Purchase', documentNumber: 'R-1' }),
      ],
      receipts: [
        {
          number: 'R-1',
          orderNumber: 'PO-1',
          lines: [{ sequence: 10000, item: 'CH-1', quantity: 5 }],
        },
      ],
      purchaseOrders: [
        {
          number: 'PO-1',
          status: 'Open',
          lines: [{ sequence: 10000, item: 'CH-1', quantity: 5, receivedQuantity: 5 }],
        },
      ],
      onHand: { 'CH-1': { MAIN: 12 } },
    });
  });
});
