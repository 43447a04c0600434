/**
 * The OData v4 subset F&O's /data endpoint answers and the connector uses: entity keys
 * `(dataAreaId='usmf',JournalNumber='00042')`, `$filter` with eq/ne/gt/ge/lt/le joined by
 * `and`, `or` groups in parentheses (F&O has no `in` and no `has`), `$orderby`, `$top`, `$skip`, server paging with
 * `@odata.nextLink` (`$skiptoken`), `cross-company=true`. Anything else is a 400.
 */
import { badQuery, type FoError } from './fo-errors';
import type { FoRow, FoValue } from './fo-model';

type Literal = { readonly kind: 'string' | 'number' | 'datetime'; readonly value: string | number };
interface Comparison {
  readonly field: string;
  readonly op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
  readonly literal: Literal;
}

const comparisonPattern = /^([A-Za-z_][A-Za-z0-9_]*)\s+(eq|ne|gt|ge|lt|le)\s+(.+)$/;
const datetimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function parseLiteral(text: string): Literal | undefined {
  const enumMatch = /^Microsoft\.Dynamics\.DataEntities\.\w+'([^']*)'$/.exec(text);
  if (enumMatch) return { kind: 'string', value: enumMatch[1] ?? '' };
  if (text.startsWith("'") && text.endsWith("'") && text.length >= 2)
    return { kind: 'string', value: text.slice(1, -1).replace(/''/g, "'") };
  if (datetimePattern.test(text)) return { kind: 'datetime', value: Date.parse(text) };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: 'number', value: Number(text) };
  return undefined;
}

/** Splits on ` and ` outside string literals. */
function splitAnd(filter: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < filter.length; i += 1) {
    const c = filter[i] ?? '';
    if (c === "'") quoted = !quoted;
    if (!quoted && filter.slice(i, i + 5).toLowerCase() === ' and ') {
      parts.push(current);
      current = '';
      i += 4;
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

function parseComparison(part: string, filter: string): Comparison {
  const match = comparisonPattern.exec(part.trim());
  const literal = match ? parseLiteral((match[3] ?? '').trim()) : undefined;
  if (!match || literal === undefined)
    throw badQuery(
      `The query specified in the URI is not valid. Syntax error at '${part}' in '$filter=${filter}'.`,
    );
  return { field: match[1] ?? '', op: match[2] as Comparison['op'], literal };
}

/** Comparisons joined by `and`, each alone or an `or` group in parentheses. */
export function parseFilter(filter: string): Comparison[][] {
  return splitAnd(filter).map((part) => {
    const group = /^\((.*)\)$/.exec(part)?.[1] ?? part;
    return group.split(/\s+or\s+/i).map((term) => parseComparison(term, filter));
  });
}

function compare(value: FoValue | undefined, literal: Literal): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (literal.kind === 'datetime') {
    const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    return Number.isNaN(time) ? undefined : time - (literal.value as number);
  }
  if (literal.kind === 'number') return Number(value) - (literal.value as number);
  const text = String(value);
  const expected = String(literal.value);
  // F&O compares strings case-insensitively (SQL Server collation); `*` is a wildcard.
  if (expected.includes('*')) {
    const pattern = new RegExp(
      `^${expected
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
      'i',
    );
    return pattern.test(text) ? 0 : 1;
  }
  return text.localeCompare(expected, 'en', { sensitivity: 'accent' });
}

export function matches(row: FoRow, groups: readonly Comparison[][]): boolean {
  return groups.every((group) => group.some((comparison) => holds(row, comparison)));
}

function holds(row: FoRow, { field, op, literal }: Comparison): boolean {
  const result = compare(row[field], literal);
  if (result === undefined) return op === 'ne';
  switch (op) {
    case 'eq':
      return result === 0;
    case 'ne':
      return result !== 0;
    case 'gt':
      return result > 0;
    case 'ge':
      return result >= 0;
    case 'lt':
      return result < 0;
    case 'le':
      return result <= 0;
  }
}

export function sortRows(rows: FoRow[], orderby: string | undefined): FoRow[] {
  if (orderby === undefined) return rows;
  const keys = orderby.split(',').map((part) => {
    const [field = '', direction = 'asc'] = part.trim().split(/\s+/);
    return { field, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return [...rows].sort((a, b) => {
    for (const { field, sign } of keys) {
      const x = a[field];
      const y = b[field];
      if (x === y) continue;
      if (x === null || x === undefined) return -sign;
      if (y === null || y === undefined) return sign;
      return (x < y ? -1 : 1) * sign;
    }
    return 0;
  });
}

/** `(dataAreaId='usmf',JournalNumber='00042')` → the key values, or undefined when malformed. */
export function parseKey(text: string): Record<string, string | number> | undefined {
  const inner = /^\((.*)\)$/.exec(text)?.[1];
  if (inner === undefined) return undefined;
  const key: Record<string, string | number> = {};
  for (const part of inner.match(/[A-Za-z_]\w*=('(?:[^']|'')*'|-?\d+(?:\.\d+)?)/g) ?? []) {
    const [name = '', ...rest] = part.split('=');
    const raw = rest.join('=');
    key[name] = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : Number(raw);
  }
  return Object.keys(key).length === 0 ? undefined : key;
}

export interface CollectionQuery {
  readonly filter?: string;
  readonly orderby?: string;
  readonly top?: string;
  readonly skip?: string;
  readonly skiptoken?: string;
  readonly crossCompany: boolean;
}

export interface CollectionPage {
  readonly rows: readonly FoRow[];
  /** Offset of the next page, when there is one. */
  readonly nextOffset: number | undefined;
}

function count(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw badQuery(`The query parameter '${name}' is not valid.`);
  return Number(text);
}

/** Filters (company first), sorts and pages rows the way the endpoint does. */
export function queryCollection(
  all: readonly FoRow[],
  query: CollectionQuery,
  defaultCompany: string,
  pageSize: number,
): CollectionPage {
  let rows = all.filter(
    (row) =>
      query.crossCompany || row.dataAreaId === undefined || row.dataAreaId === defaultCompany,
  );
  if (query.filter !== undefined) {
    const comparisons = parseFilter(query.filter);
    rows = rows.filter((row) => matches(row, comparisons));
  }
  rows = sortRows(rows, query.orderby);
  const skipped = rows.slice(count(query.skip, '$skip') ?? 0);
  const top = count(query.top, '$top');
  const limited = top === undefined ? skipped : skipped.slice(0, top);
  const offset = count(query.skiptoken, '$skiptoken') ?? 0;
  const end = offset + pageSize;
  return {
    rows: limited.slice(offset, end),
    nextOffset: end < limited.length ? end : undefined,
  };
}

export type { Comparison, FoError };
