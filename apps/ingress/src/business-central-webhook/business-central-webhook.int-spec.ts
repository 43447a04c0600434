import path from 'node:path';
import { topics } from '@hub/contracts';
import { createSchemaRegistrySerde } from '@hub/messaging';
import { testEndpoints, uniqueName } from '@hub/testing';
import { Client } from 'pg';
import { ensureIngressTopics, startIngress, type RunningIngress } from '../testing/ingress-harness';
import { waitForMessage } from '../testing/wait-for-message';

const clientState = 'bc-client-state-0123456789';

function item(resource: string, state = clientState) {
  return {
    subscriptionId: 'sub-1',
    clientState: state,
    expirationDateTime: '2026-11-30T02:00:00Z',
    resource,
    changeType: 'updated',
    lastModifiedDateTime: new Date().toISOString(),
  };
}

describe('POST /webhooks/business-central/:systemId (real Kafka, registry, Postgres)', () => {
  let running: RunningIngress;
  let endpoint: string;

  beforeAll(async () => {
    await ensureIngressTopics();
    running = await startIngress({
      OWNERSHIP_POLICY_PATH: path.join(__dirname, '../testing/bc-policy.yaml'),
      INGRESS_SYSTEMS: JSON.stringify({ bc: { clientState } }),
    });
    endpoint = `${running.url}/webhooks/business-central/bc`;
    for (let i = 0; i < 100 && (await fetch(`${running.url}/readyz`)).status !== 200; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
  });

  afterAll(async () => {
    await running.stop();
  });

  it('echoes the handshake token as text/plain', async () => {
    const response = await fetch(`${endpoint}?validationToken=4d1e5c-token`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('4d1e5c-token');
  });

  it('answers the handshake with nosniff, so a reflected token is never sniffed as HTML', async () => {
    const response = await fetch(
      `${endpoint}?validationToken=${encodeURIComponent('<script>alert(1)</script>')}`,
      { method: 'POST' },
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('rejects items older than INGRESS_BC_MAX_AGE or from the future, still with 202', async () => {
    const company = uniqueName('c');
    const at = (offsetMs: number) => ({
      ...item(`/api/v2.0/companies(${company})/purchaseOrders(7)`),
      lastModifiedDateTime: new Date(Date.now() + offsetMs).toISOString(),
    });
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: [at(-49 * 3_600_000), at(10 * 60_000)] }),
    });
    expect([response.status, await response.json()]).toEqual([
      202,
      { status: 'accepted', accepted: 0, rejected: 2 },
    ]);
  });

  it('publishes accepted items and answers 202 while recording the rejected ones', async () => {
    const company = uniqueName('c');
    const po = `/api/v2.0/companies(${company})/purchaseOrders(1)`;
    const stock = `/api/v2.0/companies(${company})/items(9)`;
    const body = {
      value: [
        item(po),
        item(`/api/v2.0/companies(${company})/purchaseOrders(2)`, 'wrong-client-state'),
        item(stock),
        item(`/api/v2.0/companies(${company})/customers(3)`),
      ],
    };
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'accepted', accepted: 1, rejected: 3 });

    const message = await waitForMessage(topics.sourceNotification, (m) => m.key === po);
    expect(message.headers).toMatchObject({
      'hub-source-system': 'bc',
      'hub-entity-type': 'purchase-order',
    });
    const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
    await expect(serde.decode(message.value ?? Buffer.alloc(0))).resolves.toMatchObject({
      entityKey: po,
      sourceSystem: 'bc',
    });

    const client = new Client({ connectionString: testEndpoints().databaseUrl });
    await client.connect();
    const rows = await client.query(
      `SELECT system_id, entity_type, entity_key FROM "${running.schema.schema}".reverse_direction_writes`,
    );
    await client.end();
    expect(rows.rows).toEqual([
      { system_id: 'bc', entity_type: 'inventory-level', entity_key: stock },
    ]);
  });

  it('answers a body that is not a notification with 202 and nothing accepted (BC would delete the subscription on 4xx)', async () => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'not json',
    });
    expect([response.status, await response.json()]).toEqual([
      202,
      { status: 'accepted', accepted: 0, rejected: 0 },
    ]);
  });

  it('echoes the handshake and answers notifications 202 for an unknown system too (no 404: BC would delete the subscription)', async () => {
    const handshake = await fetch(
      `${running.url}/webhooks/business-central/nobody?validationToken=x`,
      { method: 'POST' },
    );
    const notification = await fetch(`${running.url}/webhooks/business-central/nobody`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: [{ clientState: 'x' }] }),
    });
    expect([handshake.status, await handshake.text()]).toEqual([200, 'x']);
    expect([notification.status, await notification.json()]).toEqual([
      202,
      { status: 'accepted', accepted: 0, rejected: 1 },
    ]);
  });
});
