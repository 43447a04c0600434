/**
 * The three ERP modules mounted by the app, configured from the environment: seed files
 * loaded, SAP's business events and F&O's business events sent to the configured URLs (a
 * local receiver records them), the real API routes refusing a call without credentials.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startErpSimulator, type ErpSimulator } from '@hub/erp-simulator';
import { erpSimulatorConfig } from './erp-simulator.config';
import { simulatorOptions } from './simulator-options';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

const received: Received[] = [];
let receiver: Server;
let receiverUrl: string;
let sim: ErpSimulator;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        headers: request.headers,
        body: JSON.parse(text) as Record<string, unknown>,
      });
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'erp-sim-modules-'));
  const file = (name: string, content: unknown): string => {
    writeFileSync(join(dir, name), JSON.stringify(content));
    return join(dir, name);
  };
  const config = erpSimulatorConfig.load({
    SAP_SIM_SEED_PATH: file('sap.json', {
      plants: [{ Plant: '1010', storageLocations: ['101A'] }],
      materials: [{ Material: 'SKU-1001' }],
      stock: [{ Material: 'SKU-1001', Plant: '1010', StorageLocation: '101A', quantity: 7 }],
    }),
    SAP_SIM_EVENTS_URL: `${receiverUrl}/sap`,
    SAP_SIM_EVENTS_TOKEN: 'sap-events-token-0123456789',
    FO_SIM_SEED_PATH: file('fo.json', {
      items: [{ itemNumber: 'SKU-1001' }],
      warehouses: [{ warehouseId: 'WH-EAST', siteId: '1' }],
    }),
    FO_SIM_BUSINESS_EVENT_URL: `${receiverUrl}/fo/secret-token`,
    BC_SIM_SEED_PATH: file('bc.json', [
      { name: 'Demo Company', locations: ['EAST'], items: [{ number: 'SKU-1001' }] },
    ]),
  });
  sim = await startErpSimulator({ ...simulatorOptions(config), port: 0 });
});

afterAll(async () => {
  await sim.close();
  await new Promise<void>((done) =>
    receiver.close(() => {
      done();
    }),
  );
});

const json = async (path: string, init?: RequestInit): Promise<unknown> => {
  const response = await fetch(`${sim.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json' },
  });
  expect(response.ok).toBe(true);
  return response.status === 204 ? undefined : response.json();
};

describe('erp-simulator app: the SAP, F&O and Business Central modules', () => {
  it('SAP: the seed file is loaded, OData refuses a call without the communication user, a PO created sends its event with the bearer token', async () => {
    const state = (await json('/__sim/sap/state')) as { stock: Record<string, number> };
    const metadata = await fetch(
      `${sim.url}/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV/$metadata`,
    );
    const created = (await json('/__sim/sap/purchase-orders', {
      method: 'POST',
      body: JSON.stringify({
        Supplier: '17300001',
        items: [{ Material: 'SKU-1001', Plant: '1010', OrderQuantity: 5, NetPriceAmount: 2 }],
      }),
    })) as { PurchaseOrder: string };
    const events = received.filter((event) => event.path === '/sap');
    expect([
      state.stock['SKU-1001|1010|101A'],
      metadata.status,
      events.map((event) => [event.headers.authorization, event.body.data]),
    ]).toEqual([
      7,
      401,
      [['Bearer sap-events-token-0123456789', { PurchaseOrder: created.PurchaseOrder }]],
    ]);
  });

  it('F&O: OData refuses a call without a token, a confirmed PO sends "Purchase order confirmed" to the configured URL', async () => {
    const data = await fetch(`${sim.url}/fo/data/Warehouses`);
    await json('/__sim/dynamics-finance/purchase-orders', {
      method: 'POST',
      body: JSON.stringify({
        number: 'PO-1',
        lines: [{ itemNumber: 'SKU-1001', quantity: 3, warehouseId: 'WH-EAST' }],
      }),
    });
    await json('/__sim/dynamics-finance/purchase-orders/PO-1/confirm', {
      method: 'POST',
      body: JSON.stringify({}),
    });
    const events = received.filter((event) => event.path === '/fo/secret-token');
    expect([
      data.status,
      events.map((event) => [event.body.BusinessEventId, event.body.PurchaseOrderNumber]),
    ]).toEqual([401, [['PurchaseOrderConfirmedBusinessEvent', 'PO-1']]]);
  });

  it('Business Central: the companies of the seed file, its API refusing a call without a token', async () => {
    const state = (await json('/__sim/business-central/state')) as {
      companies: { name: string }[];
    };
    const api = await fetch(
      `${sim.url}/bc/v2.0/00000000-0000-0000-0000-00000000c0de/production/api/v2.0/companies`,
    );
    expect([state.companies.map((company) => company.name), api.status]).toEqual([
      ['Demo Company'],
      401,
    ]);
  });

  it("Business Central control routes: a released order created, and the item's and order's figures", async () => {
    const base = '/__sim/business-central/companies/Demo%20Company';
    const created = (await json(`${base}/purchase-orders`, {
      method: 'POST',
      body: JSON.stringify({
        number: 'PO-9',
        lines: [{ item: 'SKU-1001', quantity: 4, location: 'EAST' }],
      }),
    })) as { id: string; number: string; lines: { sequence: number }[] };
    const order = (await json(`${base}/purchase-orders/PO-9`)) as {
      receipts: number;
      lines: { receivedQuantity: number }[];
    };
    const item = await json(`${base}/items/SKU-1001?location=EAST`);
    const unknown = await fetch(`${sim.url}${base}/purchase-orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lines: [{ item: 'NOPE', quantity: 1, location: 'EAST' }] }),
    });
    expect([{ ...created, id: typeof created.id }, order, item, unknown.status]).toEqual([
      {
        id: 'string',
        number: 'PO-9',
        lines: [{ sequence: 10000, item: 'SKU-1001', quantity: 4 }],
      },
      {
        receipts: 0,
        lines: [{ sequence: 10000, item: 'SKU-1001', quantity: 4, receivedQuantity: 0 }],
      },
      { onHand: 0, inventoryWrites: 0 },
      400,
    ]);
  });
});
