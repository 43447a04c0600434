/**
 * Pairs of requests a prober without credentials could send: one to a configured system with
 * a wrong credential, one to an id nobody configured with the same wrong credential. Each
 * pair must get byte-identical answers, or the prober learns which ids exist.
 */
import { signDelivery } from '../testing/wms-fixtures';
import { bcItems } from './hostile-requests';

export interface Probe {
  readonly path: string;
  readonly method?: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface ProbePair {
  readonly configured: Probe;
  readonly unknown: Probe;
}

const json = { 'content-type': 'application/json' };
const text = { 'content-type': 'text/plain' };
const cloudEvent = { 'content-type': 'application/cloudevents+json' };
const WRONG_WMS_SECRET = 'whsec_d3Jvbmctc2VjcmV0LWZvci1wcm9iaW5nLTAxMjM=';
const WRONG_TOKEN = 'guessed-token-0123456789abcdef';

/** The same request to the configured id and to an id nobody configured. */
function pair(
  configuredId: string,
  route: (systemId: string) => string,
  probe: Omit<Probe, 'path'>,
): ProbePair {
  return {
    configured: { ...probe, path: route(configuredId) },
    unknown: { ...probe, path: route('nobody') },
  };
}

/** `ids` maps each route to the id configured for it in the suite's INGRESS_SYSTEMS. */
export function probePairs(ids: {
  readonly wms: string;
  readonly odoo: string;
  readonly sap: string;
  readonly bc: string;
  readonly fo: string;
}): [string, ProbePair][] {
  const wms = (systemId: string) => `/webhooks/wms/${systemId}`;
  const odoo = (systemId: string) => `/webhooks/odoo/${systemId}/${WRONG_TOKEN}`;
  const sap = (systemId: string) => `/webhooks/sap/${systemId}`;
  const fo = (systemId: string) => `/webhooks/dynamics-finance/${systemId}/${WRONG_TOKEN}`;
  const bc = (systemId: string) => `/webhooks/business-central/${systemId}`;
  const level = '{"type":"inventory-level.changed","data":{}}';
  const signed = signDelivery(WRONG_WMS_SECRET, level, { id: 'msg_probe' });
  const stale = signDelivery(WRONG_WMS_SECRET, level, {
    id: 'msg_probe',
    at: new Date(Date.now() - 10 * 60_000),
  });
  const bearer = { ...cloudEvent, authorization: `Bearer ${WRONG_TOKEN}` };
  return [
    ['WMS: wrong secret', pair(ids.wms, wms, { headers: signed.headers, body: level })],
    ['WMS: unsigned', pair(ids.wms, wms, { headers: json, body: level })],
    ['WMS: stale timestamp', pair(ids.wms, wms, { headers: stale.headers, body: level })],
    ['WMS: wrong content type', pair(ids.wms, wms, { headers: text, body: level })],
    ['Odoo: wrong URL token', pair(ids.odoo, odoo, { headers: json, body: '{"_id":1}' })],
    ['SAP: wrong bearer token', pair(ids.sap, sap, { headers: bearer, body: '{}' })],
    ['SAP: no credentials', pair(ids.sap, sap, { headers: cloudEvent, body: '{}' })],
    ['F&O: wrong URL token', pair(ids.fo, fo, { headers: json, body: '{}' })],
    ['BC: wrong clientState', pair(ids.bc, bc, { headers: json, body: bcItems(3, WRONG_TOKEN) })],
    ['BC: not JSON', pair(ids.bc, bc, { headers: json, body: 'not json' })],
    [
      'BC: handshake',
      pair(ids.bc, (systemId) => `${bc(systemId)}?validationToken=probe-0123`, { headers: {} }),
    ],
  ];
}

/** Every header but the ones that differ per response whatever the system (the date). */
export function comparableHeaders(headers: Headers): [string, string][] {
  return [...headers].filter(([name]) => name !== 'date').sort(([a], [b]) => a.localeCompare(b));
}
