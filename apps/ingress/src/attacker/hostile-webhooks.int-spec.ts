/**
 * An attacker's view of the ingress: every public webhook route gets unsigned, badly signed,
 * replayed, oversized, deeply nested, prototype-polluting, mistyped, header-injecting,
 * path-traversing, thousand-item and slow requests. Each must get its documented 4xx (BC: a
 * 202 that accepted nothing), never a 5xx, never an accepted event, never a secret in a log.
 */
import path from 'node:path';
import {
  ODOO_TOKEN,
  WMS_SECRET,
  ensureIngressTopics,
  startIngress,
  waitUntilReady,
  type RunningIngress,
} from '../testing/ingress-harness';
import { sendSlowly } from '../testing/slow-sender';
import { inventoryDelivery, signDelivery } from '../testing/wms-fixtures';
import { hostileRequests, type Hostile } from './hostile-requests';
import { comparableHeaders, probePairs, type Probe } from './unknown-system-requests';

const CLIENT_STATE = 'bc-client-state-0123456789';
const SAP_TOKEN = 'sap-event-mesh-token-0123456789';
const PROXY_SECRET = 'proxy-only-secret-0123456789abcdef';
const FO_TOKEN = 'fo-business-event-token-0123456789';
const SECRETS = [WMS_SECRET, ODOO_TOKEN, CLIENT_STATE, SAP_TOKEN, PROXY_SECRET, FO_TOKEN];

describe('the ingress under attack (real Kafka, registry, Postgres)', () => {
  let running: RunningIngress;
  const logged: unknown[] = [];

  beforeAll(async () => {
    await ensureIngressTopics();
    running = await startIngress({
      OWNERSHIP_POLICY_PATH: path.join(__dirname, '../testing/all-routes-policy.yaml'),
      INGRESS_SYSTEMS: JSON.stringify({
        wms: { webhookSecret: WMS_SECRET },
        odoo: { token: ODOO_TOKEN },
        bc: { clientState: CLIENT_STATE },
        sap: {
          bearerToken: SAP_TOKEN,
          clientCertificate: { subject: 'CN=event-mesh', proxySecret: PROXY_SECRET },
        },
        fo: { businessEventToken: FO_TOKEN },
      }),
      INGRESS_AUTH_FAILURE_LIMIT: '100000',
      INGRESS_REQUEST_TIMEOUT: '1s',
      BODY_LIMIT: '262144',
      LOG_LEVEL: 'trace',
    });
    const { logger } = running.ingress;
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const)
      jest.spyOn(logger, level).mockImplementation((...args: unknown[]) => {
        logged.push(args);
      });
    await waitUntilReady(running.url);
  });

  afterAll(async () => {
    await running.stop();
  });

  it.each(hostileRequests())('%s', async (_label, hostile: Hostile) => {
    const response = await fetch(`${running.url}${hostile.path}`, {
      method: hostile.method ?? 'POST',
      headers: hostile.headers,
      body: hostile.body,
      redirect: 'manual',
    });
    const text = await response.text();
    expect(response.status).toBe(hostile.status);
    const body = (response.status === 200 ? {} : JSON.parse(text)) as {
      type?: string;
      status?: string;
      accepted?: number;
    };
    const problemType = hostile.type === undefined ? body.type : `urn:hub:problem:${hostile.type}`;
    expect(body.type).toBe(problemType);
    // A 202 only as BC's that accepted nothing, or SAP's refused reverse-direction write.
    const tookSomethingIn =
      response.status === 202 && body.status !== 'refused' && body.accepted !== 0;
    expect(tookSomethingIn).toBe(false);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  const answerTo = async (probe: Probe) => {
    const response = await fetch(`${running.url}${probe.path}`, {
      method: probe.method ?? 'POST',
      headers: probe.headers,
      body: probe.body,
    });
    return {
      status: response.status,
      headers: comparableHeaders(response.headers),
      body: await response.text(),
    };
  };

  it.each(probePairs({ wms: 'wms', odoo: 'odoo', sap: 'sap', bc: 'bc', fo: 'fo' }))(
    'answers an unknown system exactly like a wrong credential: %s',
    async (_label, { configured, unknown }) => {
      const [toConfigured, toUnknown] = [await answerTo(configured), await answerTo(unknown)];
      expect(toUnknown).toEqual(toConfigured);
      expect(toConfigured.status).not.toBe(404);
    },
  );

  it('tells the operator (metric reason and log line) which refusals were for an unknown system', async () => {
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toMatch(
      /hub_ingress_rejected_total\{system="unknown",reason="unknown-system"\} \d+/,
    );
    expect(metrics).not.toContain('system="nobody"');
    const lines = JSON.stringify(logged);
    expect(lines).toContain('"requestedSystem":"nobody","reason":"unknown-system"');
    expect(lines).toContain('"system":"odoo","reason":"token-invalid"');
  });

  it('keeps Object.prototype clean after prototype-polluting bodies', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('disconnects a sender that trickles its body slower than INGRESS_REQUEST_TIMEOUT', async () => {
    const { port } = new URL(running.url);
    const started = Date.now();
    const answer = await sendSlowly({
      port: Number(port),
      path: '/webhooks/wms/wms',
      contentType: 'application/json',
      contentLength: 1000,
      byte: '{',
      dripMs: 200,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('never accepted an event and never logged a secret', () => {
    const text = JSON.stringify(logged);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('still accepts a genuine delivery afterwards', async () => {
    const delivery = signDelivery(
      WMS_SECRET,
      JSON.stringify(inventoryDelivery('SKU-AFTER-ATTACK')),
    );
    const response = await fetch(`${running.url}/webhooks/wms/wms`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
    });
    expect(response.status).toBe(202);
  });
});
