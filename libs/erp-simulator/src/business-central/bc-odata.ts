/**
 * OData v4 as Business Central speaks it: weak ETags, `@odata.context` envelopes, the
 * `{"error":{"code","message"}}` body with the CorrelationId suffix, and the subset of
 * query options the hub uses ($filter with eq/ne/gt/ge/lt/le joined by `and`, $orderby,
 * $top, $skip, $expand, server-driven paging through `@odata.nextLink`).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';

export class BcODataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds, for a 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** BC's weak ETag: base64 of `'<len>;<version digits>;00;'`, e.g. `W/"JzE5OzEyMzQ1Njc4OTAxMjM0NTY3ODkxOzAwOyc="`. */
export function etagOf(id: string, version: number): string {
  const digits = `${version}${id.replace(/\D/g, '')}`.slice(0, 20);
  return `W/"${Buffer.from(`'${digits.length};${digits};00;'`).toString('base64')}"`;
}

export function sendError(reply: FastifyReply, error: BcODataError): FastifyReply {
  return reply
    .code(error.status)
    .header('content-type', 'application/json; odata.metadata=minimal')
    .send({
      error: { code: error.code, message: `${error.message}  CorrelationId:  ${randomUUID()}.` },
    });
}

export const notFound = (what: string): BcODataError =>
  new BcODataError(404, 'BadRequest_NotFound', `The specified resource (${what}) was not found.`);

export const recordNotFound = (table: string, key: string): BcODataError =>
  new BcODataError(
    404,
    'Internal_RecordNotFound',
    `The ${table} does not exist. Identification fields and values: Id='${key}'`,
  );

type Value = string | number | boolean | null;
type Row = Readonly<Record<string, unknown>>;

interface Condition {
  readonly field: string;
  readonly op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
  readonly value: Value;
}

const conditionPattern =
  /^([A-Za-z][A-Za-z0-9]*)\s+(eq|ne|gt|ge|lt|le)\s+('(?:[^']|'')*'|[-0-9.:TZ]+|true|false|null|[0-9a-fA-F-]{36})$/;

function literal(text: string): Value {
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return text;
  const number = Number(text);
  return Number.isFinite(number) ? number : text;
}

function parseCondition(part: string): Condition {
  const match = conditionPattern.exec(part.trim());
  if (match === null)
    throw new BcODataError(
      400,
      'BadRequest',
      `Invalid filter expression '${part.trim()}'. The supported forms are <field> <eq|ne|gt|ge|lt|le> <literal> joined by and, or by or on one field.`,
    );
  return {
    field: match[1] ?? '',
    op: match[2] as Condition['op'],
    value: literal(match[3] ?? ''),
  };
}

/**
 * `a eq 1 and (b eq 'x' or b eq 'y')`: conditions joined by `and`, each one a comparison or
 * (in parentheses or alone) comparisons of ONE field joined by `or`; BC refuses `or` across
 * fields ("Known limitations with Business Central OData").
 */
export function parseFilter(filter: string | undefined): Condition[][] {
  if (filter === undefined || filter.trim() === '') return [];
  return filter.split(/\s+and\s+/i).map((part) => {
    const inner = /^\s*\((.*)\)\s*$/.exec(part)?.[1] ?? part;
    const alternatives = inner.split(/\s+or\s+/i).map(parseCondition);
    if (new Set(alternatives.map((c) => c.field)).size > 1)
      throw new BcODataError(
        400,
        'BadRequest',
        "An error occurred while processing this request. The 'OR' operator is not supported on distinct fields on an OData filter.",
      );
    return alternatives;
  });
}

function comparable(value: unknown): number | string | boolean | null {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return Date.parse(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return value;
  return null;
}

function holds(row: Row, condition: Condition): boolean {
  if (!(condition.field in row))
    throw new BcODataError(
      400,
      'BadRequest_PropertyNotFound',
      `Could not find a property named '${condition.field}' on type 'Microsoft.NAV.entity'.`,
    );
  const left = comparable(row[condition.field]);
  const right = comparable(condition.value);
  if (left === null || right === null)
    return condition.op === 'eq' ? left === right : condition.op === 'ne' && left !== right;
  switch (condition.op) {
    case 'eq':
      return left === right;
    case 'ne':
      return left !== right;
    case 'gt':
      return left > right;
    case 'ge':
      return left >= right;
    case 'lt':
      return left < right;
    default:
      return left <= right;
  }
}

export interface QueryOptions {
  readonly $filter?: string;
  readonly $orderby?: string;
  readonly $top?: string;
  readonly $skip?: string;
  readonly $skiptoken?: string;
  readonly $expand?: string;
}

function order(rows: Row[], orderby: string | undefined): Row[] {
  if (orderby === undefined) return rows;
  const keys = orderby.split(',').map((part) => {
    const [field = '', direction = 'asc'] = part.trim().split(/\s+/);
    return { field, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return [...rows].sort((a, b) => {
    for (const { field, sign } of keys) {
      const x = comparable(a[field]) ?? '';
      const y = comparable(b[field]) ?? '';
      if (x < y) return -sign;
      if (x > y) return sign;
    }
    return 0;
  });
}

/** Applies $filter, $orderby, $skip/$skiptoken, $top and the server page size; returns the page and whether more follow. */
export function queryRows(
  rows: readonly Row[],
  query: QueryOptions,
  maxPageSize: number,
): { readonly page: Row[]; readonly nextSkip: number | undefined } {
  const conditions = parseFilter(query.$filter);
  const filtered = order(
    rows.filter((row) => conditions.every((any) => any.some((c) => holds(row, c)))),
    query.$orderby,
  );
  const skip = Number(query.$skiptoken ?? query.$skip ?? 0);
  const top = query.$top === undefined ? Number.POSITIVE_INFINITY : Number(query.$top);
  const wanted = filtered.slice(skip, skip + Math.min(top, filtered.length));
  const page = wanted.slice(0, maxPageSize);
  const more = wanted.length > maxPageSize;
  return { page, nextSkip: more ? skip + maxPageSize : undefined };
}

export function collection(
  context: string,
  rows: readonly Row[],
  nextLink?: string,
): Record<string, unknown> {
  return {
    '@odata.context': context,
    value: rows,
    ...(nextLink === undefined ? {} : { '@odata.nextLink': nextLink }),
  };
}

export function entityBody(context: string, row: Row): Record<string, unknown> {
  return { '@odata.context': `${context}/$entity`, ...row };
}

export function isoOf(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
