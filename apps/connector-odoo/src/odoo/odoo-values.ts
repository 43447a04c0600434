/**
 * Reading Odoo's JSON values safely: empty values are `false`, never null (pitfall 8);
 * many2one is `[id, "display name"]` from search_read/read, a bare id with load=None
 * (§1.2); datetimes are naive UTC "YYYY-MM-DD HH:MM:SS" (pitfall 7).
 */
export type OdooRecord = Readonly<Record<string, unknown>>;

export function isOdooRecord(value: unknown): value is OdooRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function recordsOf(value: unknown): OdooRecord[] {
  return Array.isArray(value) ? value.filter(isOdooRecord) : [];
}

export function many2oneId(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  return undefined;
}

export function many2oneName(value: unknown): string | undefined {
  return Array.isArray(value) && typeof value[1] === 'string' ? value[1] : undefined;
}

export function idList(value: unknown): number[] {
  return Array.isArray(value)
    ? value.filter((item): item is number => typeof item === 'number')
    : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function numberOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

const odooDateTime = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.\d+)?$/;
const odooDate = /^\d{4}-\d{2}-\d{2}$/;

/** Odoo datetime (naive UTC) → epoch ms; undefined for `false` or anything else. */
export function parseOdooDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = odooDateTime.exec(value);
  if (!match) return undefined;
  const ms = Date.parse(`${match[1] ?? ''}T${match[2] ?? ''}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Epoch ms → Odoo's datetime text; Odoo stores whole seconds, so this floors. */
export function formatOdooDateTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Days since 1970-01-01 of an Odoo date or datetime (its UTC day); undefined for `false`. */
export function odooDay(value: unknown): number | undefined {
  if (typeof value === 'string' && odooDate.test(value))
    return Date.parse(`${value}T00:00:00Z`) / 86_400_000;
  const ms = parseOdooDateTime(value);
  return ms === undefined ? undefined : Math.floor(ms / 86_400_000);
}

/** A JSON float as a decimal string without exponent (Odoo sends Python's repr, the shortest round trip). */
export function decimalText(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const plain = String(value);
  if (!/e/i.test(plain)) return plain;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** A canonical decimal string as the float Odoo's ORM takes. */
export function toOdooFloat(decimal: string): number {
  return Number(decimal);
}
