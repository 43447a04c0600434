/**
 * SAP S/4HANA business events (CloudEvents 1.0, docs/erp-protocols.md §3.6, §5.1), structured or
 * binary mode, read with the `cloudevents` package. They are notification events: `data`
 * carries keys only (`{"PurchaseOrder": "4500000001"}`), the SAP connector reads the rest.
 */
import { HTTP, type CloudEventV1 } from 'cloudevents';
import type { EntityType, FieldError } from '@hub/contracts';
import { MAX_JSON_DEPTH, jsonDepthExceeds } from '../webhook-common/content-type';

export interface SapNotification {
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly time: number | undefined;
  readonly entityType: EntityType;
  readonly recordId: string;
  readonly changeKind: 'created' | 'updated' | 'deleted';
}

export type SapParseResult =
  | { readonly ok: true; readonly notification: SapNotification; readonly data: unknown }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** `sap.s4.beh.<object>.v<n>.<Object>.<Event>.v<n>` → entity type and the data field naming the key. */
const sapObjects: Readonly<Record<string, { entityType: EntityType; keyField: string }>> = {
  purchaseorder: { entityType: 'purchase-order', keyField: 'PurchaseOrder' },
};

const typePattern = /^sap\.s4\.beh\.([a-z]+)\.v\d+\.[A-Za-z]+\.([A-Za-z]+)\.v\d+$/;

export function changeKindOf(event: string): SapNotification['changeKind'] {
  if (event === 'Created') return 'created';
  if (event === 'Deleted') return 'deleted';
  return 'updated'; // Changed, Approved, Item* (an item change changes the PO)
}

function readEvent(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: string,
): CloudEventV1<unknown> | FieldError[] {
  if (jsonDepthExceeds(safeJson(body)))
    return [{ path: '', message: `nested deeper than ${String(MAX_JSON_DEPTH)} levels` }];
  try {
    const event = HTTP.toEvent<unknown>({ headers, body });
    if (Array.isArray(event))
      return [{ path: '', message: 'batched CloudEvents are not accepted' }];
    // The package's parser is lenient; CloudEvents 1.0 requires these four (spec §3.1).
    const attributes: readonly unknown[] = [event.id, event.source, event.type];
    if (event.specversion !== '1.0' || attributes.some((a) => typeof a !== 'string' || a === ''))
      return [
        {
          path: '',
          message: 'not a CloudEvents 1.0 event: id, source, specversion and type are required',
        },
      ];
    return event;
  } catch (error) {
    return [
      {
        path: '',
        message: `not a valid CloudEvent: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
}

export function parseSapEvent(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: string,
): SapParseResult {
  const event = readEvent(headers, body);
  if (Array.isArray(event)) return { ok: false, errors: event };
  const match = typePattern.exec(event.type);
  const object = match?.[1] === undefined ? undefined : sapObjects[match[1]];
  if (match === null || object === undefined)
    return {
      ok: false,
      errors: [{ path: 'type', message: `no entity type maps from event type "${event.type}"` }],
    };
  const data: unknown = typeof event.data === 'string' ? safeJson(event.data) : event.data;
  if (jsonDepthExceeds(data))
    return {
      ok: false,
      errors: [{ path: 'data', message: `nested deeper than ${String(MAX_JSON_DEPTH)} levels` }],
    };
  const key =
    typeof data === 'object' && data !== null
      ? (data as Record<string, unknown>)[object.keyField]
      : undefined;
  if (typeof key !== 'string' || key.trim() === '')
    return {
      ok: false,
      errors: [{ path: `data.${object.keyField}`, message: 'must be a non-empty string' }],
    };
  const time = event.time === undefined ? undefined : Date.parse(event.time);
  return {
    ok: true,
    data,
    notification: {
      id: event.id,
      source: event.source,
      type: event.type,
      time: time === undefined || Number.isNaN(time) ? undefined : time,
      entityType: object.entityType,
      recordId: key.trim(),
      changeKind: changeKindOf(match[2] ?? ''),
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
