/**
 * The WMS webhook body (Standard Webhooks' recommended `{type, timestamp, data}` shape,
 * docs/erp-protocols.md §5.2) → entity type and canonical payload. Every problem is listed, with
 * the payload's own paths under `data.`.
 */
import {
  parseCanonical,
  parseTimestamp,
  type CanonicalPayload,
  type FieldError,
} from '@hub/contracts';

/** The event types a WMS may send, and the entity type each carries. */
export const wmsEventTypes = {
  'inventory-level.changed': 'inventory-level',
  'goods-receipt.recorded': 'goods-receipt',
} as const;

export type WmsEventType = keyof typeof wmsEventTypes;
export type WmsEntityType = (typeof wmsEventTypes)[WmsEventType];

export type WmsDelivery =
  | {
      readonly entityType: 'inventory-level';
      readonly payload: CanonicalPayload<'inventory-level'>;
    }
  | { readonly entityType: 'goods-receipt'; readonly payload: CanonicalPayload<'goods-receipt'> };

export type WmsParseResult =
  | {
      readonly ok: true;
      readonly delivery: WmsDelivery;
      readonly timestamp: number;
      /** `data` as sent (JSON form), e.g. for a change request. */
      readonly data: unknown;
    }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWmsEventType(value: unknown): value is WmsEventType {
  return typeof value === 'string' && Object.hasOwn(wmsEventTypes, value);
}

type DataResult =
  | { readonly ok: true; readonly delivery: WmsDelivery }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

function prefixed(errors: readonly FieldError[]): FieldError[] {
  return errors.map((e) => ({
    path: e.path === '' ? 'data' : `data.${e.path}`,
    message: e.message,
  }));
}

function parseData(type: WmsEventType, data: unknown): DataResult {
  if (wmsEventTypes[type] === 'inventory-level') {
    const result = parseCanonical('inventory-level', data);
    return result.ok
      ? { ok: true, delivery: { entityType: 'inventory-level', payload: result.value } }
      : { ok: false, errors: prefixed(result.errors) };
  }
  const result = parseCanonical('goods-receipt', data);
  return result.ok
    ? { ok: true, delivery: { entityType: 'goods-receipt', payload: result.value } }
    : { ok: false, errors: prefixed(result.errors) };
}

export function parseWmsBody(body: unknown): WmsParseResult {
  if (!isRecord(body))
    return { ok: false, errors: [{ path: '', message: 'must be a JSON object' }] };
  const errors: FieldError[] = [];
  for (const key of Object.keys(body))
    if (!['type', 'timestamp', 'data'].includes(key))
      errors.push({ path: key, message: 'unknown field' });
  const timestamp = typeof body.timestamp === 'string' ? parseTimestamp(body.timestamp) : undefined;
  if (timestamp === undefined)
    errors.push({ path: 'timestamp', message: 'must be an RFC 3339 date-time with a zone' });
  const { type } = body;
  if (!isWmsEventType(type)) {
    const known = Object.keys(wmsEventTypes).join(', ');
    errors.push({ path: 'type', message: `must be one of ${known}` });
    return { ok: false, errors };
  }
  const parsed = parseData(type, body.data);
  if (!parsed.ok) errors.push(...parsed.errors);
  if (!parsed.ok || timestamp === undefined || errors.length > 0) return { ok: false, errors };
  return { ok: true, delivery: parsed.delivery, timestamp, data: body.data };
}
