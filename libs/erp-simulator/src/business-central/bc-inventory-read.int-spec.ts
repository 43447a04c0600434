/**
 * The extension's `hubItemInventories` over HTTP: the Location Filter set through $filter
 * decides which location's inventory an item shows, `or` works on one field only (as BC
 * answers for distinct fields), and a long answer is paged at the server's page size.
 */
import { startBcSession, type BcTestSession } from './bc-test-session';

describe('Business Central simulator: hubItemInventories', () => {
  let session: BcTestSession;
  const read = (filter: string) =>
    session.call(
      `${session.hub}/hubItemInventories?$filter=${encodeURIComponent(filter)}&$select=number,inventory`,
    );

  beforeAll(async () => {
    session = await startBcSession({
      maxPageSize: 2,
      companies: [
        {
          name: 'CRONUS',
          locations: ['MAIN', 'EAST'],
          items: [{ number: 'A-1' }, { number: 'A-2' }, { number: 'A-3' }, { number: 'B-1' }],
          stock: { 'A-1': { MAIN: 4, EAST: 6 }, 'A-2': { EAST: 1 }, 'B-1': { MAIN: 9 } },
        },
      ],
    });
  });
  afterAll(() => session.sim.close());

  const rows = (body: Record<string, unknown>) =>
    (body.value as { number: string; inventory: number }[]).map((r) => [r.number, r.inventory]);

  it('shows the inventory at the filtered location, a range of items, two rows a page', async () => {
    const first = await read("locationFilter eq 'EAST' and number ge 'A-1' and number le 'A-3'");
    expect(first.status).toBe(200);
    expect(rows(first.body)).toEqual([
      ['A-1', 6],
      ['A-2', 1],
    ]);
    const next = first.body['@odata.nextLink'];
    expect(typeof next).toBe('string');
    const second = await session.call(String(next));
    expect(rows(second.body)).toEqual([['A-3', 0]]);
    expect(second.body['@odata.nextLink']).toBeUndefined();
  });

  it('takes an or chain on number, and sums over all locations without the filter', async () => {
    const answer = await read("(number eq 'A-1' or number eq 'B-1')");
    expect(rows(answer.body)).toEqual([
      ['A-1', 10],
      ['B-1', 9],
    ]);
  });

  it('refuses or across two fields as Business Central does', async () => {
    const answer = await read("(number eq 'A-1' or locationFilter eq 'MAIN')");
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain(
      "The 'OR' operator is not supported on distinct fields on an OData filter.",
    );
  });

  it('lists the item ledger entries created since a time, oldest first', async () => {
    const company = session.bc.company('CRONUS');
    const since = new Date(Date.now() - 1).toISOString();
    session.bc.store.post(company, 'B-1', 'EAST', 3, 'Positive Adjmt.', 'HAND-1');
    const answer = await session.call(
      `${session.hub}/hubItemLedgerEntries?$filter=${encodeURIComponent(`systemCreatedAt ge ${since}`)}&$orderby=entryNumber`,
    );
    expect(answer.status).toBe(200);
    const entries = answer.body.value as {
      itemNumber: string;
      locationCode: string;
      quantity: number;
    }[];
    expect(entries.map((e) => [e.itemNumber, e.locationCode, e.quantity])).toEqual([
      ['B-1', 'EAST', 3],
    ]);
  });
});
