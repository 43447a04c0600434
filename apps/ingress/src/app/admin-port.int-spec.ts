/** INGRESS_ADMIN_PORT: the probes, /metrics and the OpenAPI description leave the webhook port. */
import { uniqueName } from '@hub/testing';
import {
  ensureIngressTopics,
  startIngress,
  waitUntilReady,
  WMS_SECRET,
  type RunningIngress,
} from '../testing/ingress-harness';
import { inventoryDelivery, post, signDelivery } from '../testing/wms-fixtures';

const ADMIN_PATHS = ['/healthz', '/readyz', '/metrics', '/docs', '/docs-json'];

const statuses = (base: string): Promise<number[]> =>
  Promise.all(ADMIN_PATHS.map(async (path) => (await fetch(base + path)).status));

describe('the ingress with an admin port', () => {
  let running: RunningIngress;

  beforeAll(async () => {
    await ensureIngressTopics();
    running = await startIngress({ INGRESS_ADMIN_PORT: '3001' });
    await waitUntilReady(running.adminUrl);
  });

  afterAll(async () => {
    await running.stop();
  });

  it('serves the probes, /metrics and the OpenAPI description on the admin port only', async () => {
    expect(running.adminUrl).not.toBe(running.url);
    expect(await statuses(running.adminUrl)).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses(running.url)).toEqual([404, 404, 404, 404, 404]);
  });

  it('keeps the webhooks on the public port, and counts them on the admin port', async () => {
    const accepted = await post(
      `${running.url}/webhooks/wms/wms`,
      signDelivery(WMS_SECRET, JSON.stringify(inventoryDelivery(uniqueName('SKU')))),
    );
    const onAdmin = await fetch(`${running.adminUrl}/webhooks/wms/wms`, { method: 'POST' });
    const metrics = await (await fetch(`${running.adminUrl}/metrics`)).text();
    const document = (await (await fetch(`${running.adminUrl}/docs-json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(accepted.status).toBe(202);
    expect(onAdmin.status).toBe(404);
    expect(metrics).toMatch(/^hub_ingress_received_total\{[^}]*system="wms"[^}]*\} [1-9]/m);
    expect(Object.keys(document.paths)).toContain('/webhooks/wms/{systemId}');
  });
});
