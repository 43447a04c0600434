/** The hostile requests of the attacker suite, each with the answer the README documents. */
import { ODOO_TOKEN, WMS_SECRET } from '../testing/ingress-harness';
import { inventoryDelivery, signDelivery } from '../testing/wms-fixtures';

export interface Hostile {
  readonly path: string;
  readonly method?: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly status: number;
  /** The problem slug, when the answer is a problem. */
  readonly type?: string;
}

const json = { 'content-type': 'application/json' };
const cloudEvent = { 'content-type': 'application/cloudevents+json' };
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const pollute = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';

function signed(body: string, at = new Date(), secret = WMS_SECRET): Record<string, string> {
  return signDelivery(secret, body, { at }).headers;
}

function sapEvent(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 'sap.s4.beh.purchaseorder.v1.PurchaseOrder.Changed.v1',
    specversion: '1.0',
    source: '/default/sap.s4.beh/1',
    id: 'hostile-1',
    time: new Date().toISOString(),
    data: { PurchaseOrder: '4500009999' },
    ...extra,
  });
}

export function bcItems(count: number, clientState: string): string {
  const item = {
    subscriptionId: 'sub',
    clientState,
    expirationDateTime: '2099-01-01T00:00:00Z',
    resource: '/api/v2.0/companies(1)/purchaseOrders(1)',
    changeType: 'updated',
    lastModifiedDateTime: new Date().toISOString(),
  };
  return JSON.stringify({ value: Array.from({ length: count }, () => item) });
}

const level = JSON.stringify(inventoryDelivery('SKU-HOSTILE'));

function wms(): [string, Hostile][] {
  const path = '/webhooks/wms/wms';
  const deep = `{"type":"inventory-level.changed","data":${nested(20_000)}}`;
  return [
    ['WMS: unsigned', { path, headers: json, body: level, status: 401, type: 'signature-invalid' }],
    [
      'WMS: signed with another secret',
      {
        path,
        headers: signed(level, new Date(), 'whsec_dGVzdC1vZG9vLXNlY3JldC0xMjM0NTY3ODkw'),
        body: level,
        status: 401,
        type: 'signature-invalid',
      },
    ],
    [
      'WMS: a captured delivery replayed after the tolerance',
      {
        path,
        headers: signed(level, new Date(Date.now() - 10 * 60_000)),
        body: level,
        status: 401,
        type: 'timestamp-out-of-tolerance',
      },
    ],
    [
      'WMS: signed body altered in transit',
      { path, headers: signed(level), body: level.replace('125.50', '999.00'), status: 401 },
    ],
    [
      'WMS: oversized',
      {
        path,
        headers: json,
        body: `"${'x'.repeat(300_000)}"`,
        status: 413,
        type: 'body-too-large',
      },
    ],
    [
      'WMS: deeply nested, correctly signed',
      { path, headers: signed(deep), body: deep, status: 400, type: 'invalid-payload' },
    ],
    [
      'WMS: prototype-polluting, correctly signed',
      { path, headers: signed(pollute), body: pollute, status: 400, type: 'invalid-payload' },
    ],
    [
      'WMS: wrong content type',
      {
        path,
        headers: { ...signed(level), 'content-type': 'text/html' },
        body: level,
        status: 415,
      },
    ],
    [
      'WMS: path traversal in the system id',
      {
        path: '/webhooks/wms/..%2F..%2Fetc%2Fpasswd',
        headers: json,
        body: level,
        status: 401,
        type: 'signature-invalid',
      },
    ],
    [
      'WMS: __proto__ as the system id',
      {
        path: '/webhooks/wms/__proto__',
        headers: json,
        body: level,
        status: 401,
        type: 'signature-invalid',
      },
    ],
  ];
}

function odoo(): [string, Hostile][] {
  const path = `/webhooks/odoo/odoo/${ODOO_TOKEN}`;
  const body = '{"_model":"purchase.order","_id":1,"write_date":"2026-11-27 02:40:00"}';
  return [
    [
      'Odoo: wrong token',
      {
        path: '/webhooks/odoo/odoo/guessed-token-0123456789',
        headers: json,
        body,
        status: 401,
        type: 'token-invalid',
      },
    ],
    ['Odoo: deeply nested', { path, headers: json, body: `{"a":${nested(20_000)}}`, status: 400 }],
    ['Odoo: prototype-polluting', { path, headers: json, body: pollute, status: 400 }],
    ['Odoo: not JSON', { path, headers: json, body: '{"_model":', status: 400 }],
    [
      'Odoo: path traversal in the token',
      { path: '/webhooks/odoo/odoo/..%2F..%2Fadmin', headers: json, body, status: 401 },
    ],
  ];
}

function sap(): [string, Hostile][] {
  const path = '/webhooks/sap/sap';
  const bearer = { ...cloudEvent, authorization: 'Bearer sap-event-mesh-token-0123456789' };
  const forgedProxy = {
    ...cloudEvent,
    'ssl-client-verify': 'SUCCESS',
    'ssl-client-subject-dn': 'CN=event-mesh',
  };
  return [
    ['SAP: no credentials', { path, headers: cloudEvent, body: sapEvent(), status: 401 }],
    [
      'SAP: forged proxy certificate headers without the proxy secret',
      { path, headers: forgedProxy, body: sapEvent(), status: 401, type: 'token-invalid' },
    ],
    [
      'SAP: a week-old event replayed',
      {
        path,
        headers: bearer,
        body: sapEvent({ time: new Date(Date.now() - 7 * 86_400_000).toISOString() }),
        status: 401,
        type: 'timestamp-out-of-tolerance',
      },
    ],
    [
      'SAP: deeply nested data',
      {
        path,
        headers: bearer,
        body: sapEvent({ data: JSON.parse(nested(40)) as unknown }),
        status: 400,
      },
    ],
    [
      'SAP: deeply nested body',
      { path, headers: bearer, body: `{"data":${nested(20_000)}}`, status: 400 },
    ],
    [
      'SAP: prototype-polluting',
      {
        path,
        headers: bearer,
        body: sapEvent({
          data: { ...(JSON.parse(pollute) as Record<string, unknown>), PurchaseOrder: '1' },
        }),
        // SAP does not own purchase orders in this policy: recorded and refused inside a 202.
        status: 202,
      },
    ],
    ['SAP: a batch', { path, headers: bearer, body: `[${sapEvent()}]`, status: 400 }],
  ];
}

function businessCentral(): [string, Hostile][] {
  const path = '/webhooks/business-central/bc';
  return [
    [
      'BC: a thousand items with a forged clientState',
      { path, headers: json, body: bcItems(1_000, 'forged-client-state-0000'), status: 202 },
    ],
    [
      'BC: deeply nested',
      { path, headers: json, body: `{"value":${nested(20_000)}}`, status: 202 },
    ],
    ['BC: prototype-polluting', { path, headers: json, body: pollute, status: 202 }],
    [
      'BC: handshake with a header-injecting token',
      {
        path: `${path}?validationToken=${encodeURIComponent('x\r\nSet-Cookie: a=b')}`,
        headers: {},
        status: 200,
      },
    ],
    [
      // Echoed like a configured system's, so the handshake cannot probe for ids.
      'BC: handshake for an unknown system',
      { path: '/webhooks/business-central/nobody?validationToken=x', headers: {}, status: 200 },
    ],
    [
      'BC: notifications for an unknown system',
      {
        path: '/webhooks/business-central/nobody',
        headers: json,
        body: bcItems(3, 'x'),
        status: 202,
      },
    ],
  ];
}

export function hostileRequests(): [string, Hostile][] {
  return [...wms(), ...odoo(), ...sap(), ...businessCentral()];
}
