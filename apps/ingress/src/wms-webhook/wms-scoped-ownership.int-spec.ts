import { resolve } from 'node:path';
import { topics, type ChangeRequestEvent } from '@hub/contracts';
import { createSchemaRegistrySerde } from '@hub/messaging';
import { testEndpoints, uniqueName } from '@hub/testing';
import { Client } from 'pg';
import {
  ensureIngressTopics,
  startIngress,
  waitUntilReady,
  WMS_SECRET,
  type RunningIngress,
} from '../testing/ingress-harness';
import { waitForMessage } from '../testing/wait-for-message';
import { inventoryDelivery, post, signDelivery } from '../testing/wms-fixtures';

// `wms` owns warehouse WH-EAST's levels, `wms-us` owns WH-US's; nobody owns WH-CN's.
describe('POST /webhooks/wms/:systemId with a policy scoped by warehouse (real Kafka, registry, Postgres)', () => {
  let running: RunningIngress | undefined;
  let endpoint = '';

  beforeAll(async () => {
    await ensureIngressTopics();
    running = await startIngress({
      OWNERSHIP_POLICY_PATH: resolve(__dirname, '../testing/scoped-policy.yaml'),
      INGRESS_SYSTEMS: JSON.stringify({ wms: { webhookSecret: WMS_SECRET } }),
    });
    endpoint = `${running.url}/webhooks/wms/wms`;
    await waitUntilReady(running.url);
  });

  afterAll(async () => {
    await running?.stop();
  });

  const deliver = (sku: string, warehouse: string) =>
    post(endpoint, signDelivery(WMS_SECRET, JSON.stringify(inventoryDelivery(sku, { warehouse }))));

  it("accepts a level of the sender's own warehouse", async () => {
    const sku = uniqueName('SKU');
    const answer = await deliver(sku, 'WH-EAST');
    expect([answer.status, answer.body.status]).toEqual([202, 'accepted']);
    await waitForMessage(topics.inventoryLevel, (m) => m.key === `WH-EAST:${sku}`);
  });

  it("refuses a level of another owner's warehouse with 403 naming that owner, records it and forwards it", async () => {
    const sku = uniqueName('SKU');
    const answer = await deliver(sku, 'WH-US');
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      type: 'urn:hub:problem:reverse-direction-write',
      detail: 'wms does not own inventory-level (warehouse WH-US); wms-us does.',
      owner: 'wms-us',
      changeRequestForwarded: true,
    });
    const client = new Client({ connectionString: testEndpoints().databaseUrl });
    await client.connect();
    try {
      const rows = await client.query(
        `SELECT system_id, entity_key, owner_system, reason FROM "${running?.schema.schema ?? ''}".reverse_direction_writes WHERE entity_key = $1`,
        [`WH-US:${sku}`],
      );
      expect(rows.rows).toEqual([
        {
          system_id: 'wms',
          entity_key: `WH-US:${sku}`,
          owner_system: 'wms-us',
          reason: 'REVERSE_DIRECTION_WRITE',
        },
      ]);
    } finally {
      await client.end();
    }
    const request = await waitForMessage(topics.changeRequest, (m) => m.key === `WH-US:${sku}`);
    expect(request.headers['hub-source-system']).toBe('wms');
    const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
    const { payload } = (await serde.decode(request.value ?? null)) as ChangeRequestEvent;
    // The entity as sent, and its canonical form (decimals and timestamps as the contract spells them).
    expect(JSON.parse(payload.proposedPayloadJson ?? 'null')).toMatchObject({
      quantityOnHand: '125.50',
    });
    expect(JSON.parse(payload.canonicalProposalJson ?? 'null')).toEqual({
      sku,
      warehouse: 'WH-US',
      quantityOnHand: '125.5',
      unitOfMeasure: 'PCS',
      asOf: '2026-11-27T02:39:58.123Z',
    });
  });

  it('refuses a level of a warehouse no scope covers with 403 out-of-scope, not recorded', async () => {
    const sku = uniqueName('SKU');
    const answer = await deliver(sku, 'WH-CN');
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      type: 'urn:hub:problem:out-of-scope',
      code: 'OUT_OF_SCOPE',
      detail:
        'inventory-level warehouse WH-CN is in no scope of the ownership policy (scopes cover WH-EAST, WH-US).',
      entityType: 'inventory-level',
    });
    const metrics = await (await fetch(`${running?.url ?? ''}/metrics`)).text();
    expect(metrics).toMatch(/hub_ingress_rejected_total\{system="wms",reason="out-of-scope"\} 1/);
  });
});
