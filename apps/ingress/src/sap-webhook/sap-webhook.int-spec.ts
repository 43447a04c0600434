import path from 'node:path';
import { topics } from '@hub/contracts';
import { createSchemaRegistrySerde } from '@hub/messaging';
import { testEndpoints } from '@hub/testing';
import { ensureIngressTopics, startIngress, type RunningIngress } from '../testing/ingress-harness';
import { waitForMessage } from '../testing/wait-for-message';

const bearerToken = 'sap-event-mesh-token-0123456789';

function structured(poNumber: string): string {
  return JSON.stringify({
    type: 'sap.s4.beh.purchaseorder.v1.PurchaseOrder.Changed.v1',
    specversion: '1.0',
    source: '/default/sap.s4.beh/730431274',
    id: `id-${poNumber}`,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { PurchaseOrder: poNumber },
  });
}

describe('POST /webhooks/sap/:systemId (real Kafka, registry, Postgres)', () => {
  let running: RunningIngress;
  let endpoint: string;

  beforeAll(async () => {
    await ensureIngressTopics();
    running = await startIngress({
      OWNERSHIP_POLICY_PATH: path.join(__dirname, '../testing/sap-policy.yaml'),
      INGRESS_SYSTEMS: JSON.stringify({ sap: { bearerToken } }),
    });
    endpoint = `${running.url}/webhooks/sap/sap`;
    for (let i = 0; i < 100 && (await fetch(`${running.url}/readyz`)).status !== 200; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
  });

  afterAll(async () => {
    await running.stop();
  });

  it('publishes a structured-mode event keyed by PO number', async () => {
    const po = `45${String(Date.now()).slice(-8)}`;
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/cloudevents+json',
        authorization: `Bearer ${bearerToken}`,
      },
      body: structured(po),
    });
    expect(response.status).toBe(202);
    const answer = (await response.json()) as { correlationId: string };
    const message = await waitForMessage(
      topics.sourceNotification,
      (m) => m.key === po && m.headers['hub-source-system'] === 'sap',
    );
    expect(message.headers['hub-entity-type']).toBe('purchase-order');
    const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
    await expect(serde.decode(message.value ?? Buffer.alloc(0))).resolves.toMatchObject({
      correlationId: answer.correlationId,
      entityKey: po,
    });
  });

  it('gives a re-sent event (same source and id) the same correlation id', async () => {
    const body = structured(`47${String(Date.now()).slice(-8)}`);
    const send = async () => {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/cloudevents+json',
          authorization: `Bearer ${bearerToken}`,
        },
        body,
      });
      return (await response.json()) as { correlationId: string };
    };
    const first = await send();
    expect((await send()).correlationId).toBe(first.correlationId);
  });

  it('publishes a binary-mode event', async () => {
    const po = `46${String(Date.now()).slice(-8)}`;
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${bearerToken}`,
        'ce-id': `id-${po}`,
        'ce-source': '/default/sap.s4.beh/730431274',
        'ce-specversion': '1.0',
        'ce-type': 'sap.s4.beh.purchaseorder.v1.PurchaseOrder.Created.v1',
      },
      body: JSON.stringify({ PurchaseOrder: po }),
    });
    expect(response.status).toBe(202);
    await expect(
      waitForMessage(topics.sourceNotification, (m) => m.key === po),
    ).resolves.toMatchObject({ key: po });
  });

  it('refuses a wrong bearer token with 401', async () => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json', authorization: 'Bearer nope' },
      body: structured('4500000001'),
    });
    expect(response.status).toBe(401);
  });

  it.each([
    ['older than INGRESS_SAP_MAX_AGE', -25 * 3_600_000],
    ['more than 5 minutes ahead', 10 * 60_000],
  ])('refuses an event %s with 401 timestamp-out-of-tolerance', async (_label, offsetMs) => {
    const event = {
      ...(JSON.parse(structured('4500000002')) as Record<string, unknown>),
      time: new Date(Date.now() + offsetMs).toISOString(),
    };
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/cloudevents+json',
        authorization: `Bearer ${bearerToken}`,
      },
      body: JSON.stringify(event),
    });
    const body = (await response.json()) as { type: string };
    expect([response.status, body.type]).toEqual([
      401,
      'urn:hub:problem:timestamp-out-of-tolerance',
    ]);
  });
});
