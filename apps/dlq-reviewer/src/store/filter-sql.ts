/**
 * An ItemFilter as a parameterised WHERE clause. Every value is a bind parameter; the
 * text search escapes LIKE's own wildcards so `%` and `_` match themselves.
 */
import type { ItemFilter, PageCursor } from './item-types';

export interface SqlWhere {
  readonly clause: string;
  readonly params: unknown[];
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}

/**
 * Which side of the keyset cursor: `older` (the next page, newest first) or `newer` (the
 * previous page, read oldest first and turned round by the caller).
 */
export type PageDirection = 'older' | 'newer';

export function filterWhere(
  filter: ItemFilter,
  cursor?: PageCursor,
  direction: PageDirection = 'older',
): SqlWhere {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${String(params.length)}`;
  };
  if (filter.status !== undefined)
    conditions.push(`"status" = ANY(${bind(filter.status)}::text[])`);
  if (filter.target !== undefined) conditions.push(`"target" = ${bind(filter.target)}`);
  if (filter.entityType !== undefined)
    conditions.push(`"entity_type" = ${bind(filter.entityType)}`);
  if (filter.entityKey !== undefined) conditions.push(`"entity_key" = ${bind(filter.entityKey)}`);
  if (filter.errorClass !== undefined)
    conditions.push(`"error_class" = ${bind(filter.errorClass)}`);
  if (filter.errorCode !== undefined) conditions.push(`"error_code" = ${bind(filter.errorCode)}`);
  if (filter.from !== undefined)
    conditions.push(`"dead_lettered_at" >= to_timestamp(${bind(filter.from / 1000)})`);
  if (filter.to !== undefined)
    conditions.push(`"dead_lettered_at" < to_timestamp(${bind(filter.to / 1000)})`);
  if (filter.text !== undefined)
    conditions.push(`"error_message" ILIKE ${bind(`%${escapeLike(filter.text)}%`)} ESCAPE '\\'`);
  if (cursor !== undefined)
    conditions.push(
      `("dead_lettered_at", "id") ${direction === 'older' ? '<' : '>'} (${bind(cursor.position)}::timestamptz, ${bind(cursor.id)}::bigint)`,
    );
  return { clause: conditions.length === 0 ? 'TRUE' : conditions.join(' AND '), params };
}
