/**
 * Rotation without a gap: every route's credential configured as a pair [new, old] accepts
 * both while the sender switches, and still refuses any third value.
 */
import path from 'node:path';
import { uniqueName } from '@hub/testing';
import {
  ensureIngressTopics,
  startIngress,
  waitUntilReady,
  type RunningIngress,
} from '../testing/ingress-harness';
import { inventoryDelivery, signDelivery } from '../testing/wms-fixtures';

const WMS = {
  old: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  new: 'whsec_bmV3LXdtcy1zZWNyZXQtYWZ0ZXItcm90YXRpb24=',
  third: 'whsec_dGhpcmQtc2VjcmV0LW5vYm9keS1jb25maWd1cmVk',
};
const pairOf = (name: string) => ({
  old: `old-${name}-0123456789abcdef`,
  new: `new-${name}-0123456789abcdef`,
  third: `third-${name}-0123456789abcdef`,
});
const ODOO = pairOf('odoo-token');
const BC = pairOf('bc-client-state');
const SAP = pairOf('sap-bearer-token');
const FO = pairOf('fo-business-event-token');
type Which = 'old' | 'new' | 'third';
const WHICH: readonly Which[] = ['old', 'new', 'third'];

const json = { 'content-type': 'application/json' };

describe('two active secrets per system while rotating (real Kafka, registry, Postgres)', () => {
  let running: RunningIngress;
  const post = async (route: string, headers: Record<string, string>, body: string) => {
    const response = await fetch(`${running.url}${route}`, { method: 'POST', headers, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    await ensureIngressTopics();
    running = await startIngress({
      OWNERSHIP_POLICY_PATH: path.join(__dirname, '../testing/all-routes-policy.yaml'),
      INGRESS_SYSTEMS: JSON.stringify({
        wms: { webhookSecret: [WMS.new, WMS.old] },
        odoo: { token: [ODOO.new, ODOO.old] },
        bc: { clientState: [BC.new, BC.old] },
        sap: { bearerToken: [SAP.new, SAP.old] },
        fo: { businessEventToken: [FO.new, FO.old] },
      }),
      INGRESS_AUTH_FAILURE_LIMIT: '1000',
    });
    await waitUntilReady(running.url);
  });

  afterAll(async () => {
    await running.stop();
  });

  it('WMS: a delivery signed with the old or the new secret is accepted, a third is refused', async () => {
    const statuses: number[] = [];
    for (const which of WHICH) {
      const delivery = signDelivery(
        WMS[which],
        JSON.stringify(inventoryDelivery(uniqueName('SKU-ROT'))),
      );
      statuses.push((await post('/webhooks/wms/wms', delivery.headers, delivery.body)).status);
    }
    expect(statuses).toEqual([202, 202, 401]);
  });

  it('Odoo: the old and the new URL token are accepted, a third is refused', async () => {
    const statuses: number[] = [];
    for (const which of WHICH) {
      const body = JSON.stringify({
        _action: 'Send Webhook Notification(#7)',
        _id: Date.now(),
        _model: 'stock.picking',
      });
      statuses.push((await post(`/webhooks/odoo/odoo/${ODOO[which]}`, json, body)).status);
    }
    expect(statuses).toEqual([202, 202, 401]);
  });

  it('Business Central: items with the old or the new clientState are accepted, a third is not', async () => {
    const outcomes: unknown[] = [];
    for (const which of WHICH) {
      const item = {
        subscriptionId: 'sub-rotation',
        clientState: BC[which],
        expirationDateTime: '2099-01-01T00:00:00Z',
        resource: `/api/v2.0/companies(${uniqueName('c')})/purchaseOrders(1)`,
        changeType: 'updated',
        lastModifiedDateTime: new Date().toISOString(),
      };
      const answer = await post(
        '/webhooks/business-central/bc',
        json,
        `{"value":[${JSON.stringify(item)}]}`,
      );
      outcomes.push([answer.status, answer.body.accepted]);
    }
    expect(outcomes).toEqual([
      [202, 1],
      [202, 1],
      [202, 0],
    ]);
  });

  it('SAP: the old and the new bearer token pass authentication, a third is refused', async () => {
    const outcomes: unknown[] = [];
    for (const which of WHICH) {
      const event = {
        type: 'sap.s4.beh.purchaseorder.v1.PurchaseOrder.Changed.v1',
        specversion: '1.0',
        source: '/default/sap.s4.beh/1',
        id: uniqueName('rotation'),
        time: new Date().toISOString(),
        data: { PurchaseOrder: '4500001234' },
      };
      const headers = {
        'content-type': 'application/cloudevents+json',
        authorization: `Bearer ${SAP[which]}`,
      };
      const answer = await post('/webhooks/sap/sap', headers, JSON.stringify(event));
      outcomes.push([answer.status, answer.body.type ?? answer.body.status]);
    }
    // bc owns purchase orders in this policy: an authenticated SAP event is refused inside a 202.
    expect(outcomes).toEqual([
      [202, 'refused'],
      [202, 'refused'],
      [401, 'urn:hub:problem:token-invalid'],
    ]);
  });

  it('F&O: the old and the new URL token pass authentication, a third is refused', async () => {
    const types: unknown[] = [];
    const body = JSON.stringify({ BusinessEventId: 'PurchaseOrderConfirmedBusinessEvent' });
    for (const which of WHICH)
      types.push((await post(`/webhooks/dynamics-finance/fo/${FO[which]}`, json, body)).body.type);
    // Authenticated, the incomplete event is judged (400); unauthenticated, it never is.
    expect(types).toEqual([
      'urn:hub:problem:invalid-payload',
      'urn:hub:problem:invalid-payload',
      'urn:hub:problem:token-invalid',
    ]);
  });
});
