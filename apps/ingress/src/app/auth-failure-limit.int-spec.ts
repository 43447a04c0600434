import path from 'node:path';
import {
  ODOO_TOKEN,
  WMS_SECRET,
  ensureIngressTopics,
  startIngress,
  waitUntilReady,
  type RunningIngress,
} from '../testing/ingress-harness';
import { inventoryDelivery, post, signDelivery } from '../testing/wms-fixtures';

const CLIENT_STATE = 'bc-client-state-0123456789';
const SAP_TOKEN = 'sap-event-mesh-token-0123456789';

function bcItem(index: number, clientState: string) {
  return {
    subscriptionId: `sub-${String(index)}`,
    clientState,
    expirationDateTime: '2026-11-30T02:00:00Z',
    resource: `/api/v2.0/companies(1)/purchaseOrders(${String(index)}) ${'x'.repeat(20)}`,
    changeType: 'updated',
    lastModifiedDateTime: new Date().toISOString(),
  };
}

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('failed authentication is limited per address; BC bodies are capped and logged once', () => {
  let running: RunningIngress;

  beforeAll(async () => {
    await ensureIngressTopics();
    running = await startIngress({
      OWNERSHIP_POLICY_PATH: path.join(__dirname, '../testing/all-routes-policy.yaml'),
      INGRESS_SYSTEMS: JSON.stringify({
        wms: { webhookSecret: WMS_SECRET },
        odoo: { token: ODOO_TOKEN },
        bc: { clientState: CLIENT_STATE },
        sap: { bearerToken: SAP_TOKEN },
      }),
      INGRESS_AUTH_FAILURE_LIMIT: '4',
      INGRESS_AUTH_FAILURE_WINDOW: '1m',
      INGRESS_BC_MAX_ITEMS: '50',
    });
    await waitUntilReady(running.url);
  });

  afterAll(async () => {
    await running.stop();
  });

  it('judges at most INGRESS_BC_MAX_ITEMS of a forged 3,000-item body and logs one line for it', async () => {
    const warn = jest.spyOn(running.ingress.logger, 'warn');
    const items = Array.from({ length: 3_000 }, (_, index) => bcItem(index, 'forged-state-000000'));
    const response = await postJson(`${running.url}/webhooks/business-central/bc`, {
      value: items,
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'accepted', accepted: 0, rejected: 3_000 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toEqual({
      system: 'bc',
      items: 3_000,
      outcomes: { 'client-state-mismatch': 50, 'too-many-items': 2_950 },
    });
    expect(JSON.stringify(warn.mock.calls)).not.toContain('xxxxxxxx');
    warn.mockRestore();
  });

  it('answers 429 with Retry-After on every webhook route once an address used up its failures', async () => {
    const failures = [
      () =>
        postJson(`${running.url}/webhooks/business-central/nobody`, {
          value: [bcItem(1, CLIENT_STATE)],
        }),
      () => postJson(`${running.url}/webhooks/sap/sap`, {}, { authorization: 'Bearer wrong' }),
      () => postJson(`${running.url}/webhooks/wms/nobody`, {}),
    ];
    // The BC body above already counted once. An unknown system is answered like a wrong
    // credential (BC: 202 with nothing accepted, the others 401), and counts the same.
    const statuses: number[] = [];
    for (const attempt of failures) statuses.push((await attempt()).status);
    expect(statuses).toEqual([202, 401, 401]);
    const delivery = signDelivery(WMS_SECRET, JSON.stringify(inventoryDelivery('SKU-LIMITED')));
    const refused = await post(`${running.url}/webhooks/wms/wms`, delivery);
    expect([refused.status, refused.body.type, Number(refused.retryAfter) > 0]).toEqual([
      429,
      'urn:hub:problem:too-many-failures',
      true,
    ]);
    const bc = await postJson(`${running.url}/webhooks/business-central/bc`, {
      value: [bcItem(1, CLIENT_STATE)],
    });
    expect(bc.status).toBe(429);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });
});
