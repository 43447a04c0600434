/** Value shapes of the simulated Odoo database and the RPC answers built from them. */
import type { PyFloat } from '../python/python-float';

export type OdooValue =
  | string
  | number
  | boolean
  | null
  | PyFloat
  | readonly OdooValue[]
  | { readonly [key: string]: OdooValue };

/** A stored row: many2one as id or false, empty values as false, one2many not stored. */
export type StoredRecord = Readonly<Record<string, OdooValue>> & { readonly id: number };

export type OdooKwargs = Readonly<Record<string, OdooValue>>;

export function isRecordObject(value: unknown): value is Readonly<Record<string, OdooValue>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Odoo's datetime wire format: naive UTC `YYYY-MM-DD HH:MM:SS`. */
export function odooDatetime(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

export function odooDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Odoo's notion of "empty" for domains and required checks. */
export function isEmptyValue(value: OdooValue | undefined): boolean {
  return (
    value === undefined ||
    value === false ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

export function asIdList(value: OdooValue | undefined): number[] {
  if (typeof value === 'number') return [value];
  if (!Array.isArray(value)) return [];
  return (value as readonly OdooValue[]).filter((v): v is number => typeof v === 'number');
}

export function asNumber(value: OdooValue | undefined): number {
  return typeof value === 'number' ? value : 0;
}
