/**
 * Canonical JSON: object keys sorted, no whitespace. For the values our payloads hold
 * (strings, safe integers, booleans, null, arrays, records) this is byte-for-byte
 * RFC 8785 (JCS): keys sort by UTF-16 code units (JavaScript's default sort), and strings
 * and numbers are serialized as ECMAScript's JSON.stringify does.
 */
import { ContractError } from '../errors/contract-error';

function fail(path: string, reason: string): never {
  throw new ContractError('NOT_CANONICAL_JSON', `${path || '(value)'}: ${reason}`);
}

// Records decoded by avsc are instances of generated classes whose own enumerable
// properties are exactly the fields, so any object counts except these non-JSON kinds.
function isRecordLike(value: object): boolean {
  return !(
    ArrayBuffer.isView(value) ||
    value instanceof Date ||
    value instanceof Map ||
    value instanceof Set ||
    value instanceof RegExp
  );
}

function write(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string')
    return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(path, `${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, index) => write(item, `${path}[${index}]`)).join(',')}]`;
  }
  if (typeof value === 'object' && isRecordLike(value)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, item]) => item !== undefined,
    );
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${write(item, path ? `${path}.${key}` : key)}`).join(',')}}`;
  }
  return fail(
    path,
    `a ${typeof value === 'object' ? 'non-JSON object' : typeof value} has no canonical JSON form`,
  );
}

/** Throws NOT_CANONICAL_JSON for values JSON cannot carry faithfully (NaN, Buffers, Dates, functions). */
export function canonicalJson(value: unknown): string {
  return write(value, '');
}
