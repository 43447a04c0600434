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
  // A loop appending to one string, not filtered, mapped and joined entry arrays: every
  // event's digest runs this.
  if (typeof value === 'object' && isRecordLike(value)) {
    const record = value as Record<string, unknown>;
    // The default sort orders by UTF-16 code units, as the comparison it replaces did.
    const keys = Object.keys(record).sort();
    let text = '{';
    for (const key of keys) {
      const item = record[key];
      if (item === undefined) continue;
      text += `${text === '{' ? '' : ','}${JSON.stringify(key)}:${write(item, path ? `${path}.${key}` : key)}`;
    }
    return `${text}}`;
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
