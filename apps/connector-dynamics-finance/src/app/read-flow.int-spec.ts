/**
 * The read side end to end: "Purchase order confirmed" notifications on Kafka (as the
 * ingress publishes them) → the connector reads the order and its lines from the
 * simulated F&O → the canonical purchase order on Kafka. Duplicate and older control
 * numbers publish nothing; the sweep publishes an order no event announced.
 */
import type { PurchaseOrderEvent } from '@hub/contracts';
import { FoHarness } from '../testing/fo-harness';
import { TopicCollector, eventually } from '@hub/testing';

let harness: FoHarness;
let orders: TopicCollector;

const published = (poNumber: string) => orders.messages.filter((m) => m.key === poNumber);

async function decoded(poNumber: string): Promise<PurchaseOrderEvent[]> {
  const events = await Promise.all(published(poNumber).map((m) => harness.decode(m.value)));
  return events as unknown as PurchaseOrderEvent[];
}

beforeAll(async () => {
  // A server page of 1 row: every collection read (lines, the sweep) must follow @odata.nextLink.
  harness = await FoHarness.start({}, { pageSize: 1 });
  orders = await TopicCollector.start(harness.topics.canonical['purchase-order']);
});
afterAll(async () => {
  await orders.stop();
  await harness.close();
});

describe('connector-dynamics-finance read side through Kafka', () => {
  it('turns a confirmed-order notification into the canonical purchase order', async () => {
    harness.fo.seedPurchaseOrder({
      number: 'PO-R-1',
      approval: 'Confirmed',
      vendor: 'US-104',
      currency: 'USD',
      lines: [
        { itemNumber: 'A0001', quantity: 12, price: 2.5 },
        { itemNumber: 'M0001', quantity: 1.5, price: 40 },
      ],
    });
    await harness.notifyConfirmed('PO-R-1', 5637145400);
    await eventually(
      () => published('PO-R-1').length > 0,
      () => 'PO-R-1 on the purchase-order topic',
    );
    const [event] = await decoded('PO-R-1');
    expect(event).toMatchObject({
      entityType: 'purchase-order',
      sourceSystem: harness.system,
      sourceRecordId: 'usmf/PO-R-1',
      payload: { poNumber: 'PO-R-1', supplierId: 'US-104', status: 'confirmed', currency: 'USD' },
    });
    expect(
      event?.payload.lines.map((l) => [
        l.lineNumber,
        l.sku,
        l.quantityOrdered,
        l.unitOfMeasure,
        l.unitPrice,
      ]),
    ).toEqual([
      [1, 'A0001', '12', 'ea', '2.5'],
      [2, 'M0001', '1.5', 'kg', '40'],
    ]);
  });

  it('publishes one canonical event for duplicate deliveries of one business event, none for an older one', async () => {
    harness.fo.seedPurchaseOrder({
      number: 'PO-R-2',
      approval: 'Confirmed',
      lines: [{ itemNumber: 'A0002', quantity: 3 }],
    });
    await harness.notifyConfirmed('PO-R-2', 5637145500);
    await harness.notifyConfirmed('PO-R-2', 5637145500);
    await harness.notifyConfirmed('PO-R-2', 5637145490);
    harness.fo.seedPurchaseOrder({
      number: 'PO-R-3',
      approval: 'Confirmed',
      lines: [{ itemNumber: 'A0002', quantity: 1 }],
    });
    await harness.notifyConfirmed('PO-R-2', 5637145503);
    await harness.notifyConfirmed('PO-R-3', 5637145501);
    await eventually(
      () => published('PO-R-3').length > 0 && published('PO-R-2').length >= 2,
      () => 'PO-R-3 and the newer PO-R-2 published',
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The first delivery and the newer control number; not the duplicate, not the older one.
    expect(published('PO-R-2')).toHaveLength(2);
  });

  it('skips a notification of another legal entity and a draft order', async () => {
    harness.fo.seedPurchaseOrder({
      number: 'PO-R-4',
      approval: 'Draft',
      lines: [{ itemNumber: 'A0001', quantity: 1 }],
    });
    harness.fo.seedPurchaseOrder({
      dataAreaId: 'demf',
      number: 'PO-R-5',
      approval: 'Confirmed',
      lines: [{ itemNumber: 'A0001', quantity: 1 }],
    });
    await harness.notifyConfirmed('PO-R-4', 5637145600);
    await harness.notifyConfirmed('PO-R-5', 5637145601, 'demf');
    harness.fo.seedPurchaseOrder({
      number: 'PO-R-6',
      approval: 'Confirmed',
      lines: [{ itemNumber: 'A0001', quantity: 1 }],
    });
    await harness.notifyConfirmed('PO-R-6', 5637145602);
    await eventually(
      () => published('PO-R-6').length > 0,
      () => 'PO-R-6 published',
    );
    expect([published('PO-R-4').length, published('PO-R-5').length]).toEqual([0, 0]);
  });

  it('publishes a confirmed order no event announced when the sweep runs (by HubModifiedDateTime)', async () => {
    harness.fo.seedPurchaseOrder({
      number: 'PO-R-7',
      approval: 'Confirmed',
      lines: [{ itemNumber: 'A0002', quantity: 9 }],
    });
    await harness.app.runtime.sweepNow();
    await eventually(
      () => published('PO-R-7').length > 0,
      () => 'PO-R-7 published by the sweep',
    );
    expect((await decoded('PO-R-7'))[0]?.payload.lines.map((l) => l.quantityOrdered)).toEqual([
      '9',
    ]);
  });

  it('serves probes, metrics and its status', async () => {
    const { server } = harness.app;
    await eventually(
      async () => (await server.inject({ method: 'GET', url: '/readyz' })).statusCode === 200,
      () => '/readyz 200',
    );
    const status = await server.inject({ method: 'GET', url: '/status' });
    expect(status.json()).toMatchObject({
      system: harness.system,
      dynamicsFinance: { legalEntity: 'usmf' },
    });
    expect(status.body).not.toContain('fo-sim-client-secret-value');
  });
});
