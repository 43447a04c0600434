import path from 'node:path';
import { uniqueName } from '@hub/testing';
import {
  ensureIngressTopics,
  startIngress,
  waitUntilReady,
  WMS_SECRET,
  ODOO_SECRET,
  type RunningIngress,
} from '../testing/ingress-harness';
import { inventoryDelivery, post, signDelivery } from '../testing/wms-fixtures';

const ODOO_TOKEN = 'odoo-url-token-0123456789abcdef';
const CLIENT_STATE = 'bc-client-state-0123456789';
const SAP_TOKEN = 'sap-event-mesh-token-0123456789';

let lastBody = '';

function send(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return fetch(url, { method: 'POST', headers, body }).then(async (response) => {
    lastBody = await response.text();
    return response.status;
  });
}

function sapEvent(poNumber: string): string {
  return JSON.stringify({
    type: 'sap.s4.beh.purchaseorder.v1.PurchaseOrder.Changed.v1',
    specversion: '1.0',
    source: '/default/sap.s4.beh/730431274',
    id: uniqueName('id'),
    time: new Date().toISOString(),
    data: { PurchaseOrder: poNumber },
  });
}

const sapHeaders = (token: string) => ({
  'content-type': 'application/cloudevents+json',
  authorization: `Bearer ${token}`,
});

function bcItem(resource: string, clientState: string) {
  return {
    subscriptionId: 'sub-1',
    clientState,
    expirationDateTime: '2026-11-30T02:00:00Z',
    resource,
    changeType: 'updated',
    lastModifiedDateTime: new Date().toISOString(),
  };
}

/** The value of one sample line, 0 when absent. */
function sample(metrics: string, line: string): number {
  const found = metrics.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? 0 : Number(found.slice(line.length + 1));
}

describe('webhook metrics on every route (real Kafka, registry, Postgres)', () => {
  let all: RunningIngress;
  let sapOwner: RunningIngress;

  beforeAll(async () => {
    await ensureIngressTopics();
    [all, sapOwner] = await Promise.all([
      startIngress({
        OWNERSHIP_POLICY_PATH: path.join(__dirname, '../testing/all-routes-policy.yaml'),
        BODY_LIMIT: '4096',
        INGRESS_SYSTEMS: JSON.stringify({
          wms: { webhookSecret: WMS_SECRET },
          odoo: { webhookSecret: ODOO_SECRET, token: ODOO_TOKEN },
          bc: { clientState: CLIENT_STATE },
          sap: { bearerToken: SAP_TOKEN },
        }),
      }),
      startIngress({
        OWNERSHIP_POLICY_PATH: path.join(__dirname, '../testing/sap-policy.yaml'),
        INGRESS_SYSTEMS: JSON.stringify({ sap: { bearerToken: SAP_TOKEN } }),
      }),
    ]);
    await Promise.all([waitUntilReady(all.url), waitUntilReady(sapOwner.url)]);
  });

  afterAll(async () => {
    await Promise.all([all.stop(), sapOwner.stop()]);
  });

  it('counts received, accepted, publish latency and every rejection reason per system and route', async () => {
    const wms = `${all.url}/webhooks/wms/wms`;
    let sapRefusal: unknown;
    const level = () => JSON.stringify(inventoryDelivery(uniqueName('SKU')));
    const statuses = [
      (await post(wms, signDelivery(WMS_SECRET, level()))).status,
      (await post(wms, { ...signDelivery(WMS_SECRET, level()), body: level() })).status,
      (
        await post(
          wms,
          signDelivery(WMS_SECRET, level(), { at: new Date(Date.now() - 6 * 60_000) }),
        )
      ).status,
      (
        await post(
          wms,
          signDelivery(WMS_SECRET, JSON.stringify(inventoryDelivery('S', { quantityOnHand: 1 }))),
        )
      ).status,
      (await post(wms, signDelivery(WMS_SECRET, 'x'.repeat(5_000)))).status,
      await send(wms, 'sku=1', {
        ...signDelivery(WMS_SECRET, 'sku=1').headers,
        'content-type': 'text/plain',
      }),
      (await post(`${all.url}/webhooks/wms/nobody`, signDelivery(WMS_SECRET, level()))).status,
      (await post(`${all.url}/webhooks/wms/odoo`, signDelivery(ODOO_SECRET, level()))).status,
      await send(
        `${all.url}/webhooks/odoo/odoo/${ODOO_TOKEN}`,
        `{"_action": "Send Webhook Notification(#7)", "_id": ${String(Date.now())}, "_model": "stock.picking"}`,
        { 'content-type': 'application/json' },
      ),
      await send(`${all.url}/webhooks/odoo/odoo/wrong-token-0123456789`, '{}', {
        'content-type': 'application/json',
      }),
      await send(
        `${all.url}/webhooks/business-central/bc`,
        JSON.stringify({
          value: [
            bcItem(`/api/v2.0/companies(${uniqueName('c')})/purchaseOrders(1)`, CLIENT_STATE),
            bcItem('/api/v2.0/companies(c)/purchaseOrders(2)', 'wrong-client-state-0123'),
          ],
        }),
        { 'content-type': 'application/json' },
      ),
      await send(`${all.url}/webhooks/sap/sap`, sapEvent('4500000001'), sapHeaders(SAP_TOKEN)).then(
        (status) => {
          sapRefusal = JSON.parse(lastBody) as unknown;
          return status;
        },
      ),
      await send(`${all.url}/webhooks/sap/sap`, sapEvent('4500000002'), sapHeaders('wrong')),
      await send(
        `${sapOwner.url}/webhooks/sap/sap`,
        sapEvent(`45${String(Date.now()).slice(-8)}`),
        sapHeaders(SAP_TOKEN),
      ),
    ];
    expect(statuses).toEqual([
      202, 401, 401, 400, 413, 415, 401, 403, 202, 401, 202, 202, 401, 202,
    ]);

    // SAP, like BC, answers a reverse-direction event 202: recorded and counted, not published.
    expect(sapRefusal).toMatchObject({
      status: 'refused',
      reason: 'reverse-direction-write',
      owner: 'bc',
    });

    const text = await (await fetch(`${all.url}/metrics`)).text();
    const counts = (names: string[]) => names.map((name) => [name, sample(text, name)]);
    expect(
      counts([
        'hub_ingress_received_total{system="wms",route="wms"}',
        'hub_ingress_received_total{system="unknown",route="wms"}',
        'hub_ingress_received_total{system="odoo",route="wms"}',
        'hub_ingress_received_total{system="odoo",route="odoo"}',
        'hub_ingress_received_total{system="bc",route="business-central"}',
        'hub_ingress_received_total{system="sap",route="sap"}',
      ]),
    ).toEqual([
      ['hub_ingress_received_total{system="wms",route="wms"}', 6],
      ['hub_ingress_received_total{system="unknown",route="wms"}', 1],
      ['hub_ingress_received_total{system="odoo",route="wms"}', 1],
      ['hub_ingress_received_total{system="odoo",route="odoo"}', 2],
      ['hub_ingress_received_total{system="bc",route="business-central"}', 1],
      ['hub_ingress_received_total{system="sap",route="sap"}', 2],
    ]);
    const accepted = [
      ['wms', 'wms'],
      ['odoo', 'odoo'],
      ['bc', 'business-central'],
    ];
    for (const [system = '', route = ''] of accepted) {
      const labels = `{system="${system}",route="${route}"}`;
      expect([
        sample(text, `hub_ingress_accepted_total${labels}`),
        sample(text, `hub_ingress_publish_seconds_count${labels}`),
      ]).toEqual([1, 1]);
    }
    expect(
      counts([
        'hub_ingress_rejected_total{system="wms",reason="signature-invalid"}',
        'hub_ingress_rejected_total{system="wms",reason="timestamp-out-of-tolerance"}',
        'hub_ingress_rejected_total{system="wms",reason="invalid-payload"}',
        'hub_ingress_rejected_total{system="wms",reason="body-too-large"}',
        'hub_ingress_rejected_total{system="wms",reason="unsupported-media-type"}',
        'hub_ingress_rejected_total{system="unknown",reason="unknown-system"}',
        'hub_ingress_rejected_total{system="odoo",reason="reverse-direction-write"}',
        'hub_ingress_rejected_total{system="odoo",reason="token-invalid"}',
        'hub_ingress_rejected_total{system="bc",reason="client-state-mismatch"}',
        'hub_ingress_rejected_total{system="sap",reason="reverse-direction-write"}',
        'hub_ingress_rejected_total{system="sap",reason="token-invalid"}',
      ]).map(([, value]) => value),
    ).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);

    const sapText = await (await fetch(`${sapOwner.url}/metrics`)).text();
    const sapLabels = '{system="sap",route="sap"}';
    expect([
      sample(sapText, `hub_ingress_received_total${sapLabels}`),
      sample(sapText, `hub_ingress_accepted_total${sapLabels}`),
      sample(sapText, `hub_ingress_publish_seconds_count${sapLabels}`),
    ]).toEqual([1, 1, 1]);
  });
});
