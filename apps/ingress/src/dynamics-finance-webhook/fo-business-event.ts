/**
 * An F&O business event as the HTTPS endpoint receives it: the JSON envelope
 * (BusinessEventId, BusinessEventLegalEntity or LegalEntity, ControlNumber, EventId,
 * EventTime `/Date(ms)/` or EventTimeIso8601) and the event's own fields. Only the events
 * the hub reads are accepted: "Purchase order confirmed" (PurchaseOrderNumber). The body
 * is a hint; the F&O connector reads the order as it is now.
 */
import type { EntityType, FieldError } from '@hub/contracts';

export const foBusinessEventTypes: Readonly<Record<string, EntityType>> = {
  PurchaseOrderConfirmedBusinessEvent: 'purchase-order',
};

export interface FoBusinessEvent {
  readonly businessEventId: string;
  readonly entityType: EntityType;
  /** dataAreaId, lower case as OData writes it (the event sends USMF). */
  readonly legalEntity: string;
  readonly controlNumber: number;
  readonly eventId: string;
  readonly eventTime: number | undefined;
  readonly purchaseOrderNumber: string;
}

export type FoParseResult =
  | { readonly ok: true; readonly event: FoBusinessEvent }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** `/Date(1573472190000)/` or an ISO 8601 time → epoch ms. */
export function parseEventTime(msDate: unknown, iso: unknown): number | undefined {
  const match = typeof msDate === 'string' ? /^\/Date\((-?\d+)\)\/$/.exec(msDate) : null;
  if (match) return Number(match[1]);
  const time = typeof iso === 'string' ? Date.parse(iso.replace(/(\.\d{3})\d+Z$/, '$1Z')) : NaN;
  return Number.isNaN(time) ? undefined : time;
}

// Keys end up in Kafka keys and OData URLs: no control characters.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/;

function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' &&
    value.trim() !== '' &&
    value.length <= max &&
    !controlCharacters.test(value)
    ? value
    : undefined;
}

export function parseFoBusinessEvent(body: unknown): FoParseResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return {
      ok: false,
      errors: [{ path: '', message: 'must be a JSON object (one business event)' }],
    };
  const fields = body as Readonly<Record<string, unknown>>;
  const errors: FieldError[] = [];
  const businessEventId = text(fields.BusinessEventId, 200);
  const entityType =
    businessEventId === undefined ? undefined : foBusinessEventTypes[businessEventId];
  if (businessEventId === undefined)
    errors.push({ path: 'BusinessEventId', message: 'must be a string' });
  else if (entityType === undefined)
    errors.push({
      path: 'BusinessEventId',
      message: `the hub reads ${Object.keys(foBusinessEventTypes).join(', ')}, not ${businessEventId}`,
    });
  const entity = fields.BusinessEventLegalEntity ?? fields.LegalEntity;
  const legalEntity =
    typeof entity === 'string' && /^[A-Za-z0-9]{1,4}$/.test(entity)
      ? entity.toLowerCase()
      : undefined;
  if (legalEntity === undefined)
    errors.push({
      path: 'BusinessEventLegalEntity',
      message: 'must be a legal entity id (BusinessEventLegalEntity or LegalEntity)',
    });
  const control =
    typeof fields.ControlNumber === 'string' ? Number(fields.ControlNumber) : fields.ControlNumber;
  const controlNumber =
    typeof control === 'number' && Number.isSafeInteger(control) && control >= 0
      ? control
      : undefined;
  if (controlNumber === undefined)
    errors.push({ path: 'ControlNumber', message: 'must be a whole number ≥ 0' });
  const eventId = text(fields.EventId, 100);
  if (eventId === undefined) errors.push({ path: 'EventId', message: 'must be a string' });
  const eventTime = parseEventTime(fields.EventTime, fields.EventTimeIso8601);
  if (
    (fields.EventTime !== undefined || fields.EventTimeIso8601 !== undefined) &&
    eventTime === undefined
  )
    errors.push({
      path: 'EventTime',
      message: 'must be /Date(ms)/ (or EventTimeIso8601 an ISO 8601 time)',
    });
  const purchaseOrderNumber = text(fields.PurchaseOrderNumber, 20);
  if (purchaseOrderNumber === undefined)
    errors.push({
      path: 'PurchaseOrderNumber',
      message: 'must be a purchase order number (≤ 20 characters)',
    });
  if (
    errors.length > 0 ||
    businessEventId === undefined ||
    entityType === undefined ||
    legalEntity === undefined ||
    controlNumber === undefined ||
    eventId === undefined ||
    purchaseOrderNumber === undefined
  )
    return { ok: false, errors };
  return {
    ok: true,
    event: {
      businessEventId,
      entityType,
      legalEntity,
      controlNumber,
      eventId,
      eventTime,
      purchaseOrderNumber,
    },
  };
}

/** Where the connector reads the order: the entity key of PurchaseOrderHeadersV2. */
export function foResource(event: FoBusinessEvent): string {
  const quoted = (value: string) => `'${value.replace(/'/g, "''")}'`;
  return `PurchaseOrderHeadersV2(dataAreaId=${quoted(event.legalEntity)},PurchaseOrderNumber=${quoted(event.purchaseOrderNumber)})`;
}
