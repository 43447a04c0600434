/**
 * OData v2 as SAP Gateway speaks it: the `{"d": …}` envelopes, `/Date(ms)/` values,
 * entity keys in the path, the error JSON with `innererror.errordetails`, and the small
 * `$filter` subset the hub uses (`eq`, `ge`, `gt`, `le`, `lt`, `and`, `or` groups in
 * parentheses; strings, datetimeoffset literals).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';

export type ODataValue = string | number | boolean | null | ODataRecord | ODataRecord[];
export interface ODataRecord {
  [property: string]: ODataValue | undefined;
}

export const odataDate = (ms: number): string => `/Date(${ms})/`;
export const odataDateTimeOffset = (ms: number): string => `/Date(${ms}+0000)/`;

/** A V2 JSON date (`/Date(ms)/`, `/Date(ms+0000)/`) or an ISO timestamp without zone (KBA samples). */
export function parseODataDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const wrapped = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value);
  if (wrapped) return Number(wrapped[1]);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/.test(value))
    return Date.parse(value.endsWith('Z') ? value : `${value}Z`);
  return undefined;
}

/** SAP's error body: T100 code, message, innererror with the service and the details. */
export class SapODataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly serviceId = '',
    readonly componentId = '',
  ) {
    super(message);
  }

  body(): ODataRecord {
    return {
      error: {
        code: this.code,
        message: { lang: 'en', value: this.message },
        innererror: {
          application: {
            component_id: this.componentId,
            service_namespace: '/SAP/',
            service_id: this.serviceId,
            service_version: '0001',
          },
          transactionid: randomBytes(16).toString('hex').toUpperCase(),
          timestamp: '',
          Error_Resolution: {
            SAP_Transaction: '',
            SAP_Note:
              'See SAP Note 1797736 for error analysis (https://service.sap.com/sap/support/notes/1797736)',
          },
          errordetails: [
            {
              code: this.code,
              message: this.message,
              propertyref: '',
              severity: 'error',
              target: '',
              transition: this.status >= 500,
            },
          ],
        },
      },
    };
  }
}

export function sendODataError(reply: FastifyReply, error: SapODataError): FastifyReply {
  return reply
    .code(error.status)
    .header('content-type', 'application/json;charset=utf-8')
    .send(error.body());
}

/** `(FiscalYear='2025',PhysicalInventoryDocument='100000001')` or `('4500000001')` → key values. */
export function parseKey(segment: string, keyNames: readonly string[]): Record<string, string> {
  const inner = /^\((.*)\)$/.exec(segment)?.[1];
  if (inner === undefined) throw notFound(segment);
  const keys: Record<string, string> = {};
  const single = /^'([^']*)'$/.exec(inner);
  if (single && keyNames.length === 1 && keyNames[0] !== undefined) {
    keys[keyNames[0]] = single[1] ?? '';
    return keys;
  }
  for (const part of inner.split(',')) {
    const match = /^(\w+)='([^']*)'$/.exec(part.trim());
    if (!match?.[1]) throw notFound(segment);
    keys[match[1]] = match[2] ?? '';
  }
  if (keyNames.some((name) => keys[name] === undefined)) throw notFound(segment);
  return keys;
}

export function notFound(what: string): SapODataError {
  return new SapODataError(404, '/IWBEP/CM_MGW_RT/020', `Resource not found for segment '${what}'`);
}

export interface FilterTerm {
  readonly property: string;
  readonly op: 'eq' | 'ge' | 'gt' | 'le' | 'lt';
  readonly value: string | number;
}

const invalidFilter = (term: string) =>
  new SapODataError(400, '/IWBEP/CM_MGW_RT/022', `Invalid filter expression: '${term}'`);

function parseTerm(term: string): FilterTerm {
  const match =
    /^\s*(\w+)\s+(eq|ge|gt|le|lt)\s+(?:'((?:[^']|'')*)'|datetimeoffset'([^']+)'|datetime'([^']+)')\s*$/.exec(
      term,
    );
  if (!match?.[1] || !match[2]) throw invalidFilter(term);
  const stamp = match[4] ?? match[5];
  const value =
    stamp === undefined ? (match[3] ?? '').replace(/''/g, "'") : (parseODataDate(stamp) ?? NaN);
  if (typeof value === 'number' && Number.isNaN(value)) throw invalidFilter(term);
  return { property: match[1], op: match[2] as FilterTerm['op'], value };
}

/**
 * `A eq 'x' and (M eq 'a' or M eq 'b') and B ge datetimeoffset'2025-03-01T00:00:00Z'` → terms
 * joined by `and`, each one alone or an `or` group in parentheses; anything else is refused
 * like Gateway does.
 */
export function parseFilter(filter: string | undefined): FilterTerm[][] {
  if (filter === undefined || filter.trim() === '') return [];
  return filter.split(/\s+and\s+/).map((part) => {
    const group = /^\s*\((.*)\)\s*$/.exec(part)?.[1];
    return group === undefined ? [parseTerm(part)] : group.split(/\s+or\s+/).map(parseTerm);
  });
}

function holds(record: ODataRecord, term: FilterTerm): boolean {
  const raw = record[term.property];
  const actual = typeof term.value === 'number' ? (parseODataDate(raw) ?? NaN) : raw;
  if (term.op === 'eq') return actual === term.value;
  if (typeof actual !== typeof term.value || actual === undefined || actual === null) return false;
  const [a, b] = [actual as string | number, term.value];
  if (term.op === 'ge') return a >= b;
  if (term.op === 'gt') return a > b;
  if (term.op === 'le') return a <= b;
  return a < b;
}

export function matchesFilter(record: ODataRecord, terms: readonly FilterTerm[][]): boolean {
  return terms.every((group) => group.some((term) => holds(record, term)));
}

/** `"7"`, `"7.000"` → 7; V2 decimals travel as strings, a JSON number is a type error in Gateway. */
export function decimalOf(value: unknown, property: string): number {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value.trim()))
    throw new SapODataError(
      400,
      '/IWBEP/CM_MGW_RT/004',
      `Property '${property}' has invalid value '${String(value)}'`,
    );
  return Number(value);
}

export function decimalString(value: number): string {
  return Number.isInteger(value) ? value.toFixed(3) : String(Number(value.toFixed(3)));
}

export function requireLength(value: unknown, property: string, max: number): string {
  const text = typeof value === 'string' ? value : '';
  if (text.length > max)
    throw new SapODataError(
      400,
      '/IWBEP/CM_MGW_RT/004',
      `Property '${property}' has invalid value: longer than ${max} characters`,
    );
  return text;
}

/** A property value as text for messages and keys; '' for anything not a string or number. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
