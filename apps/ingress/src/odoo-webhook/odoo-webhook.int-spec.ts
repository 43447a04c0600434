import { topics, type ChangeRequestEvent } from '@hub/contracts';
import { createSchemaRegistrySerde } from '@hub/messaging';
import { testEndpoints } from '@hub/testing';
import {
  ensureIngressTopics,
  ODOO_TOKEN,
  startIngress,
  type RunningIngress,
} from '../testing/ingress-harness';
import { waitForMessage } from '../testing/wait-for-message';

async function postOdoo(url: string, body: string, contentType = 'application/json') {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('POST /webhooks/odoo/:systemId/:token (real Kafka, registry, Postgres)', () => {
  let running: RunningIngress;

  beforeAll(async () => {
    await ensureIngressTopics();
    running = await startIngress();
    for (let i = 0; i < 100 && (await fetch(`${running.url}/readyz`)).status !== 200; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
  });

  afterAll(async () => {
    await running.stop();
  });

  it('publishes a purchase-order notification keyed by model/id', async () => {
    const id = 100_000 + Math.floor(Math.random() * 1_000_000_000);
    const body = `{"_action": "Send Webhook Notification(#61)", "_id": ${String(id)}, "_model": "purchase.order", "id": ${String(id)}, "state": "purchase", "write_date": "2024-11-05 14:03:27"}`;
    const answer = await postOdoo(
      `${running.url}/webhooks/odoo/odoo/${ODOO_TOKEN}?kind=created`,
      body,
    );
    expect(answer.status).toBe(202);

    const message = await waitForMessage(
      topics.sourceNotification,
      (m) => m.key === `purchase.order/${String(id)}`,
    );
    expect(message.headers['hub-correlation-id']).toBe(answer.body.correlationId);
    const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
    expect(await serde.decode(message.value ?? Buffer.alloc(0))).toMatchObject({
      entityType: 'purchase-order',
      sourceSystem: 'odoo',
      payload: { changeKind: 'created', resource: `purchase.order/${String(id)}` },
    });
  });

  it('refuses a wrong token with 401', async () => {
    const answer = await postOdoo(`${running.url}/webhooks/odoo/odoo/not-the-token`, '{}');
    expect([answer.status, answer.body.type]).toEqual([401, 'urn:hub:problem:token-invalid']);
  });

  it('refuses an inventory notification from the ERP as a reverse-direction write, forwarded with its canonical proposal', async () => {
    const id = 100_000 + Math.floor(Math.random() * 1_000_000_000);
    const body = `{"_action": "Send Webhook Notification(#62)", "_id": ${String(id)}, "_model": "stock.quant", "inventory_quantity": 0.0, "quantity": 17.50}`;
    const answer = await postOdoo(`${running.url}/webhooks/odoo/odoo/${ODOO_TOKEN}`, body);
    expect(answer.status).toBe(403);
    expect(answer.body.owner).toBe('wms');

    const message = await waitForMessage(
      topics.changeRequest,
      (m) => m.key === `stock.quant/${String(id)}`,
    );
    const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
    const request = (await serde.decode(message.value ?? Buffer.alloc(0))) as ChangeRequestEvent;
    // The notification as Odoo sent it, and what of it is the canonical inventory level.
    expect(JSON.parse(request.payload.proposedPayloadJson ?? 'null')).toEqual(JSON.parse(body));
    expect(request.payload.canonicalProposalJson).toBe('{"quantityOnHand":"17.5"}');
  });

  it('answers 400 for an unmapped model', async () => {
    const answer = await postOdoo(
      `${running.url}/webhooks/odoo/odoo/${ODOO_TOKEN}`,
      '{"_action": "x", "_id": 1, "_model": "res.partner"}',
    );
    expect([answer.status, answer.body.type]).toEqual([400, 'urn:hub:problem:invalid-payload']);
  });
});
