/**
 * Odoo's "Send Webhook Notification" body (docs/erp-protocols.md §1.6): `_action`, `_id`,
 * `_model` plus the fields the automation rule selected (`read(load=None)`: many2one as
 * ids, datetimes as naive-UTC "YYYY-MM-DD HH:MM:SS"). It is a hint; the Odoo connector
 * re-reads the record. Parsing here only checks what the hub needs to route it.
 */
import type { EntityType, FieldError } from '@hub/contracts';

/** Which canonical entity an Odoo model's notification is about. */
export const odooModelEntityTypes: Readonly<Record<string, EntityType>> = {
  'purchase.order': 'purchase-order',
  'stock.quant': 'inventory-level',
  'stock.picking': 'goods-receipt',
};

export interface OdooNotification {
  readonly model: string;
  readonly recordId: number;
  readonly action: string;
  readonly entityType: EntityType;
  /** `write_date` as epoch ms, when the rule selected it. */
  readonly writeDate: number | undefined;
}

export type OdooParseResult =
  | { readonly ok: true; readonly notification: OdooNotification }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

const odooDateTime = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/;

/** Odoo writes datetimes as naive UTC with a space; undefined when it is not one. */
export function parseOdooDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = odooDateTime.exec(value);
  if (!match) return undefined;
  const ms = Date.parse(`${value.slice(0, 10)}T${value.slice(11, 19)}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

export function parseOdooNotification(body: unknown): OdooParseResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, errors: [{ path: '', message: 'must be a JSON object' }] };
  const fields = body as Readonly<Record<string, unknown>>;
  const errors: FieldError[] = [];
  const { _model: model, _id: recordId, _action: action } = fields;
  if (typeof model !== 'string' || model === '')
    errors.push({ path: '_model', message: 'must be a model name' });
  else if (!Object.hasOwn(odooModelEntityTypes, model))
    errors.push({ path: '_model', message: `no entity type maps from model "${model}"` });
  if (typeof recordId !== 'number' || !Number.isSafeInteger(recordId) || recordId < 1)
    errors.push({ path: '_id', message: 'must be a positive integer record id' });
  if (typeof action !== 'string' || action === '')
    errors.push({ path: '_action', message: 'must be a string' });
  const writeDate = parseOdooDateTime(fields.write_date);
  if (fields.write_date !== undefined && fields.write_date !== false && writeDate === undefined)
    errors.push({ path: 'write_date', message: 'must be "YYYY-MM-DD HH:MM:SS" (UTC)' });
  const entityType = typeof model === 'string' ? odooModelEntityTypes[model] : undefined;
  if (
    errors.length > 0 ||
    entityType === undefined ||
    typeof model !== 'string' ||
    typeof recordId !== 'number' ||
    typeof action !== 'string'
  )
    return { ok: false, errors };
  return { ok: true, notification: { model, recordId, action, entityType, writeDate } };
}
