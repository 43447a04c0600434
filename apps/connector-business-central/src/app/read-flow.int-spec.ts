/**
 * The read side: purchase orders polled by lastModifiedDateTime (BC has no webhook for
 * them; technical debt, flagged in metrics and /status) from every read company, with
 * their lines; a line-only change republishes the order; drafts are not published. The
 * running app serves probes, metrics and its status.
 */
import { BcHarness, bcSim } from '../testing/bc-harness';

describe('connector-business-central reads purchase orders', () => {
  let harness: BcHarness;
  beforeAll(async () => {
    const bc = bcSim({
      companies: [
        {
          name: 'CRONUS',
          locations: ['MAIN'],
          items: [{ number: '1896-S' }, { number: '1900-S' }],
        },
        { name: 'CRONUS EU', locations: ['EU1'], items: [{ number: '1896-S' }] },
      ],
    });
    bc.addPurchaseOrder('CRONUS', {
      number: 'PO-A',
      lines: [
        { item: '1896-S', quantity: 10, location: 'MAIN', cost: 2.5 },
        { item: '1900-S', quantity: 3, location: 'MAIN' },
      ],
    });
    bc.addPurchaseOrder('CRONUS', {
      number: 'PO-DRAFT',
      status: 'Draft',
      lines: [{ item: '1896-S', quantity: 1, location: 'MAIN' }],
    });
    bc.addPurchaseOrder('CRONUS EU', {
      number: 'PO-EU',
      lines: [{ item: '1896-S', quantity: 4, location: 'EU1' }],
    });
    harness = await BcHarness.start(bc, {
      CONNECTOR_SWEEP_MODE: 'primary',
      CONNECTOR_SWEEP_INTERVAL: '200ms',
      BC_READ_COMPANIES: 'CRONUS,CRONUS EU',
      BC_PO_POLL_PAGE_SIZE: '2',
    });
  });
  afterAll(() => harness.close());

  it('publishes the open orders of every read company with their lines, never the draft', async () => {
    const orders = await harness.purchaseOrders(2);
    const byNumber = new Map(orders.map((o) => [o.poNumber, o]));
    expect(byNumber.get('PO-A')).toEqual({
      poNumber: 'PO-A',
      supplierId: '10000',
      status: 'confirmed',
      currency: 'EUR',
      // The BC company's id: ownership can be scoped by it.
      company: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      lines: [
        {
          lineNumber: 10000,
          sku: '1896-S',
          quantityOrdered: '10',
          unitOfMeasure: 'PCS',
          unitPrice: '2.5',
          expectedDate: Date.UTC(2026, 11, 24) / 86_400_000,
        },
        {
          lineNumber: 20000,
          sku: '1900-S',
          quantityOrdered: '3',
          unitOfMeasure: 'PCS',
          unitPrice: '1',
          expectedDate: Date.UTC(2026, 11, 24) / 86_400_000,
        },
      ],
    });
    expect(byNumber.get('PO-EU')?.lines.map((l) => l.quantityOrdered)).toEqual(['4']);
    expect(byNumber.has('PO-DRAFT')).toBe(false);
  });

  it('republishes an order when only a line changed (lines are read again with the order)', async () => {
    const before = (await harness.purchaseOrders(2)).length;
    const order = harness.bc.company('CRONUS').purchaseOrders.find((o) => o.number === 'PO-A');
    const line = order?.lines[1];
    if (order === undefined || line === undefined) throw new Error('seed missing');
    line.quantity = 7;
    harness.bc.store.touch(line);
    harness.bc.store.touch(order);
    // The sweep re-reads its last instant (republished unchanged) before it reaches the change.
    let orders = await harness.purchaseOrders(before + 1);
    const quantities = () =>
      orders
        .filter((o) => o.poNumber === 'PO-A')
        .map((o) => o.lines.map((l) => l.quantityOrdered).join('/'));
    while (!quantities().includes('10/7')) orders = await harness.purchaseOrders(orders.length + 1);
    expect(quantities().at(-1)).toBe('10/7');
    expect(orders.some((o) => o.poNumber === 'PO-DRAFT')).toBe(false);
  });

  it('flags the polling as technical debt in metrics and /status', async () => {
    const metrics = await harness.app.server.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(
      new RegExp(`hub_polling_technical_debt\\{system="${harness.system}"\\} 1`),
    );
    const status = await harness.app.server.inject({ method: 'GET', url: '/status' });
    const body = JSON.parse(status.body) as { businessCentral: { purchaseOrders: string } };
    expect(body.businessCentral.purchaseOrders).toMatch(/technical debt/);
    const ready = await harness.app.server.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
  });
});
