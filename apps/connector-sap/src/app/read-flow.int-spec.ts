/**
 * The read side end to end, logged on with OAuth client credentials: SAP business events
 * (CloudEvents, key-only, some delivered more than once) → a stand-in for the ingress that
 * publishes them as source notifications → the connector reads the PO with its items → the
 * canonical purchase order on Kafka; an item-only change (no event) caught by the sweep.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PurchaseOrderEvent } from '@hub/contracts';
import { SapHarness, type SapCloudEvent } from '../testing/sap-harness';
import { PLANT, STORAGE_LOCATION, startSapSim } from '../testing/sap-sim-fixture';
import { TopicCollector, eventually } from '@hub/testing';

let harness: SapHarness;
let orders: TopicCollector;
let ingress: Server;
const received: SapCloudEvent[] = [];

/** Receives the simulator's CloudEvents and publishes each as the ingress would. */
async function startIngressStandIn(): Promise<string> {
  ingress = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SapCloudEvent;
      received.push(event);
      void harness.notifyEvent(event).then(
        () => response.writeHead(202).end(),
        () => response.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => ingress.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(ingress.address() as AddressInfo).port}/webhooks/sap/test`;
}

async function published(poNumber: string): Promise<PurchaseOrderEvent[]> {
  const mine = orders.messages.filter((m) => m.key === poNumber);
  return (await Promise.all(
    mine.map((m) => harness.decode(m.value)),
  )) as unknown as PurchaseOrderEvent[];
}

const item = (Material: string, OrderQuantity: number) => ({
  Material,
  Plant: PLANT,
  StorageLocation: STORAGE_LOCATION,
  OrderQuantity,
  NetPriceAmount: 2.5,
});

beforeAll(async () => {
  const sim = await startSapSim();
  harness = await SapHarness.start(
    {
      SAP_AUTH: 'oauth',
      SAP_OAUTH_TOKEN_URL: `${sim.url}/sap/bc/sec/oauth2/token`,
      SAP_OAUTH_CLIENT_ID: 'hub-client',
      SAP_OAUTH_CLIENT_SECRET: 'hub-client-secret',
    },
    sim,
  );
  sim.sap.events.config = { url: await startIngressStandIn() };
  orders = await TopicCollector.start(harness.topics.canonical['purchase-order']);
});
afterAll(async () => {
  await orders.stop();
  await harness.close();
  await new Promise((resolve) => ingress.close(resolve));
});

describe('connector-sap read side through Kafka', () => {
  it('a Created event delivered three times gives one canonical purchase order', async () => {
    const reads = harness.sim.sap.callsTo('A_PurchaseOrder', 'GET').length;
    const po = await harness.sim.sap.createPurchaseOrder(
      { Supplier: '17300001', items: [item('TG11', 12), item('TG12', 1)] },
      3,
    );
    expect(received.filter((e) => e.data.PurchaseOrder === po).map((e) => e.id)).toEqual([
      expect.any(String),
      received.at(-2)?.id,
      received.at(-1)?.id,
    ]);
    await eventually(
      async () => (await published(po)).length > 0,
      () => `${po} published`,
    );
    // A later header change on the same key: once its event is published, the copies before it were handled.
    await harness.sim.sap.changePurchaseOrder(po, { Supplier: '17300002' });
    await eventually(
      async () => (await published(po)).some((e) => e.payload.supplierId === '17300002'),
      () => `the change of ${po} published`,
    );
    const events = await published(po);
    expect(events.map((e) => e.payload.supplierId)).toEqual(['17300001', '17300002']);
    expect(harness.sim.sap.callsTo('A_PurchaseOrder', 'GET').length - reads).toBe(2);
    expect(events[0]).toMatchObject({
      entityType: 'purchase-order',
      entityKey: po,
      sourceSystem: harness.system,
      sourceRecordId: po,
      payload: { poNumber: po, status: 'confirmed', currency: 'EUR' },
    });
    expect(
      events[0]?.payload.lines.map((l) => [
        l.lineNumber,
        l.sku,
        l.quantityOrdered,
        l.unitOfMeasure,
        l.unitPrice,
      ]),
    ).toEqual([
      [10, 'TG11', '12', 'PCS', '2.5'],
      [20, 'TG12', '1', 'PCS', '2.5'],
    ]);
  });

  it('publishes an item-only change, which raises no event, when the sweep runs', async () => {
    const po = await harness.sim.sap.createPurchaseOrder({
      Supplier: '17300001',
      items: [item('TG13', 4)],
    });
    await eventually(
      async () => (await published(po)).length === 1,
      () => `${po} published`,
    );
    const events = received.length;
    harness.sim.sap.changePurchaseOrderItem(po, '10', { OrderQuantity: 9 });
    expect(received).toHaveLength(events);
    await harness.app.runtime.sweepNow();
    await eventually(
      async () => (await published(po)).some((e) => e.payload.lines[0]?.quantityOrdered === '9'),
      () => `the item change of ${po} published by the sweep`,
    );
  });

  it('logs on with one OAuth token for every call; serves probes, metrics and its status', async () => {
    expect(harness.sim.sap.security.counts.tokensIssued).toBe(1);
    const { server } = harness.app;
    expect((await server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await eventually(
      async () => (await server.inject({ method: 'GET', url: '/readyz' })).statusCode === 200,
      () => '/readyz 200',
    );
    expect((await server.inject({ method: 'GET', url: '/metrics' })).body).toContain(
      'hub_connector_writes_total',
    );
    const status = await harness.app.server.inject({ method: 'GET', url: '/status' });
    expect(status.json()).toMatchObject({
      system: harness.system,
      sap: { auth: 'oauth', purchaseOrderService: 'API_PURCHASEORDER_PROCESS_SRV' },
    });
  });
});
