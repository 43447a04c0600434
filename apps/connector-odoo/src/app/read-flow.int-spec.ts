/**
 * The read side end to end: an Odoo purchase-order notification on Kafka (as the ingress
 * publishes it) → the connector reads the PO from the simulated Odoo → the canonical
 * purchase order on Kafka; and a webhook Odoo never sent, caught by the sweep.
 */
import type { PurchaseOrderEvent } from '@hub/contracts';
import { ConnectorHarness } from '../testing/connector-harness';
import { seedConfirmedOrder } from '../testing/odoo-sim-fixture';
import { TopicCollector, eventually } from '@hub/connector-testing';

let harness: ConnectorHarness;
let orders: TopicCollector;

async function published(poNumber: string): Promise<PurchaseOrderEvent | undefined> {
  const mine = orders.messages.filter((m) => m.key === poNumber);
  const decoded = await Promise.all(mine.map((m) => harness.decode(m.value)));
  return decoded[0] as unknown as PurchaseOrderEvent | undefined;
}

beforeAll(async () => {
  harness = await ConnectorHarness.start({ CONNECTOR_NOT_FOUND_RETRY: '200ms,400ms,800ms,1600ms' });
  orders = await TopicCollector.start(harness.topics.canonical['purchase-order']);
});
afterAll(async () => {
  await orders.stop();
  await harness.close();
});

describe('connector-odoo read side through Kafka', () => {
  it('turns a purchase-order notification into the canonical purchase order', async () => {
    const id = seedConfirmedOrder(harness.sim, 'PO-R-1', [
      ['SKU-1001', 12],
      ['SKU-1002', 1],
    ]);
    await harness.notifyPurchaseOrder(id);
    await eventually(
      () => orders.messages.some((m) => m.key === 'PO-R-1'),
      () => 'PO-R-1 on the purchase-order topic',
    );
    const event = await published('PO-R-1');
    expect(event).toMatchObject({
      entityType: 'purchase-order',
      entityKey: 'PO-R-1',
      sourceSystem: harness.system,
      sourceRecordId: `purchase.order/${id}`,
      payload: { poNumber: 'PO-R-1', supplierId: 'V-300', status: 'confirmed', currency: 'EUR' },
    });
    expect(
      event?.payload.lines.map((l) => [l.sku, l.quantityOrdered, l.unitOfMeasure, l.unitPrice]),
    ).toEqual([
      ['SKU-1001', '12', 'PCS', '2.5'],
      ['SKU-1002', '1', 'PCS', '2.5'],
    ]);
  });

  it('tolerates a notification that comes before the order is visible (Odoo 17 sends before commit)', async () => {
    const lastId = Math.max(0, ...harness.sim.odoo.records('purchase.order').map((po) => po.id));
    harness.sim.odoo.resetCalls();
    await harness.notifyPurchaseOrder(lastId + 1);
    await eventually(
      () => harness.sim.odoo.callCount('purchase.order', 'search_read') >= 1,
      () => 'the connector reading the order once',
    );
    const id = seedConfirmedOrder(harness.sim, 'PO-R-LATE', [['SKU-1001', 2]]);
    expect(id).toBe(lastId + 1);
    await eventually(
      () => orders.messages.some((m) => m.key === 'PO-R-LATE'),
      () => 'PO-R-LATE published',
    );
  });

  it('serves probes, metrics and its status', async () => {
    const { server } = harness.app;
    expect((await server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await eventually(
      async () => (await server.inject({ method: 'GET', url: '/readyz' })).statusCode === 200,
      () => '/readyz 200',
    );
    const metrics = await server.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('hub_connector_writes_total');
    const status = await server.inject({ method: 'GET', url: '/status' });
    expect(status.json()).toMatchObject({
      system: harness.system,
      odoo: { db: 'odoo', protocol: 'json-rpc' },
    });
  });

  it('publishes a confirmed PO whose webhook was never sent when the sweep runs', async () => {
    seedConfirmedOrder(harness.sim, 'PO-R-2', [['SKU-1002', 4]]);
    const report = await harness.app.runtime.sweepNow();
    expect(report).toMatchObject({ published: expect.any(Number) as unknown });
    await eventually(
      () => orders.messages.some((m) => m.key === 'PO-R-2'),
      () => 'PO-R-2 published by the sweep',
    );
    expect((await published('PO-R-2'))?.payload.status).toBe('confirmed');
  });
});
