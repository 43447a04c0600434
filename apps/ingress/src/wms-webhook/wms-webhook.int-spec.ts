import { topics } from '@hub/contracts';
import { createSchemaRegistrySerde } from '@hub/messaging';
import { testEndpoints, uniqueName } from '@hub/testing';
import { Client } from 'pg';
import {
  ensureIngressTopics,
  ODOO_SECRET,
  startIngress,
  WMS_SECRET,
  type RunningIngress,
} from '../testing/ingress-harness';
import { waitForMessage } from '../testing/wait-for-message';
import { inventoryDelivery, post, signDelivery } from '../testing/wms-fixtures';

describe('POST /webhooks/wms/:systemId (real Kafka, registry, Postgres)', () => {
  let running: RunningIngress;
  let endpoint: string;

  beforeAll(async () => {
    await ensureIngressTopics();
    running = await startIngress();
    endpoint = `${running.url}/webhooks/wms/wms`;
    // Readiness follows the producer's connection, which happens in the background.
    for (let i = 0; i < 100; i += 1) {
      const ready = await fetch(`${running.url}/readyz`);
      if (ready.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(async () => {
    await running.stop();
  });

  it('publishes a valid inventory level to its canonical topic, keyed, with hub headers, registry-decodable', async () => {
    const sku = uniqueName('SKU');
    const answer = await post(
      endpoint,
      signDelivery(WMS_SECRET, JSON.stringify(inventoryDelivery(sku))),
    );
    expect(answer.status).toBe(202);
    expect(answer.body.status).toBe('accepted');
    expect(answer.body.correlationId).toMatch(/^c1-[0-9a-f]{32}$/);

    const message = await waitForMessage(topics.inventoryLevel, (m) => m.key === `WH-EAST:${sku}`);
    expect(message.headers).toMatchObject({
      'hub-correlation-id': answer.body.correlationId,
      'hub-source-system': 'wms',
      'hub-entity-type': 'inventory-level',
      'hub-entity-key': `WH-EAST:${sku}`,
      'hub-source-version': String(Date.parse('2026-11-27T02:39:58.123Z')),
    });
    const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
    const value = await serde.decode(message.value ?? Buffer.alloc(0));
    expect(value).toMatchObject({
      correlationId: answer.body.correlationId,
      entityKey: `WH-EAST:${sku}`,
      payload: { sku, quantityOnHand: '125.5', warehouse: 'WH-EAST' },
    });
  });

  it('answers a duplicate delivery with the same correlation id', async () => {
    const body = JSON.stringify(inventoryDelivery(uniqueName('SKU')));
    const first = await post(endpoint, signDelivery(WMS_SECRET, body, { id: 'msg_dup' }));
    const second = await post(endpoint, signDelivery(WMS_SECRET, body, { id: 'msg_dup' }));
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.body.correlationId).toBe(first.body.correlationId);
  });

  it('lists every field error in a 400 problem', async () => {
    const body = JSON.stringify(
      inventoryDelivery('SKU-1', { quantityOnHand: 12, warehouse: 'A:B', color: 'red' }),
    );
    const answer = await post(endpoint, signDelivery(WMS_SECRET, body));
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(answer.body.type).toBe('urn:hub:problem:invalid-payload');
    const paths = (answer.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['data.color', 'data.quantityOnHand', 'data.warehouse']);
  });

  it('refuses a bad signature with 401', async () => {
    const delivery = signDelivery(WMS_SECRET, JSON.stringify(inventoryDelivery('SKU-1')));
    const answer = await post(endpoint, {
      ...delivery,
      body: delivery.body.replace('125.50', '999'),
    });
    expect([answer.status, answer.body.type]).toEqual([401, 'urn:hub:problem:signature-invalid']);
  });

  it('refuses a timestamp older than five minutes with its own 401', async () => {
    const at = new Date(Date.now() - 6 * 60_000);
    const answer = await post(
      endpoint,
      signDelivery(WMS_SECRET, JSON.stringify(inventoryDelivery('SKU-1')), { at }),
    );
    expect([answer.status, answer.body.type]).toEqual([
      401,
      'urn:hub:problem:timestamp-out-of-tolerance',
    ]);
  });

  it('refuses a reverse-direction write with 403 naming the owner, records it and forwards a change request', async () => {
    const sku = uniqueName('SKU');
    const answer = await post(
      `${running.url}/webhooks/wms/odoo`,
      signDelivery(ODOO_SECRET, JSON.stringify(inventoryDelivery(sku))),
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      type: 'urn:hub:problem:reverse-direction-write',
      owner: 'wms',
      changeRequestForwarded: true,
    });

    const client = new Client({ connectionString: testEndpoints().databaseUrl });
    await client.connect();
    const rows = await client.query(
      `SELECT system_id, entity_type, entity_key, correlation_id, owner_system FROM "${running.schema.schema}".reverse_direction_writes`,
    );
    await client.end();
    expect(rows.rows).toEqual([
      {
        system_id: 'odoo',
        entity_type: 'inventory-level',
        entity_key: `WH-EAST:${sku}`,
        correlation_id: answer.body.correlationId,
        owner_system: 'wms',
      },
    ]);
    const request = await waitForMessage(topics.changeRequest, (m) => m.key === `WH-EAST:${sku}`);
    expect(request.headers['hub-source-system']).toBe('odoo');
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toMatch(
      /hub_reverse_direction_writes_total\{system="odoo",entity_type="inventory-level"\} 1/,
    );
  });

  it('answers an unknown system 401 signature-invalid, as a wrong signature', async () => {
    const answer = await post(`${running.url}/webhooks/wms/nobody`, signDelivery(WMS_SECRET, '{}'));
    expect([answer.status, answer.body.type]).toEqual([401, 'urn:hub:problem:signature-invalid']);
  });

  it('answers 413 over the body limit', async () => {
    const body = JSON.stringify(inventoryDelivery('SKU-1', { padding: 'x'.repeat(1_100_000) }));
    const answer = await post(endpoint, signDelivery(WMS_SECRET, body));
    expect([answer.status, answer.body.type]).toEqual([413, 'urn:hub:problem:body-too-large']);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const delivery = signDelivery(WMS_SECRET, 'sku=1');
    const answer = await post(endpoint, {
      ...delivery,
      headers: { ...delivery.headers, 'content-type': 'text/plain' },
    });
    expect([answer.status, answer.body.type]).toEqual([
      415,
      'urn:hub:problem:unsupported-media-type',
    ]);
  });
});
