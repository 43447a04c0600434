/**
 * The API's query and body formats, checked at the edge. A value that does not fit gives
 * 400 naming the field; unknown filters are refused rather than silently ignored.
 */
import { systemIdPattern } from '@hub/contracts';
import { z } from 'zod';
import { ReviewerError } from '../problem/reviewer-error';
import { auditActions, type AuditFilter } from '../store/audit-store';
import type { PageDirection } from '../store/filter-sql';
import { itemStatuses, type ItemFilter, type PageCursor } from '../store/item-types';

const TEXT_LIMIT = 200;
// Postgres text cannot hold NUL; other control characters are never part of a key or message search.
const boundedText = z
  .string()
  .trim()
  .min(1)
  .max(TEXT_LIMIT)
  .refine(
    (text) => !Array.from(text).some((character) => character < ' ' || character === '\u007f'),
    'must not contain control characters',
  );
const oneValue = (schema: z.ZodType<string, string>) =>
  z.union([
    schema,
    z
      .array(schema)
      .length(1)
      .transform((values) => values.join('')),
  ]);

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const INSTANT_FORMAT =
  'must be a date like 2026-12-04 or 2026-12-04 13:30 (UTC unless a zone such as +01:00 is given)';

/**
 * A date or time as an operator types it: a day, a day and time (read as UTC when no zone
 * is given), or an ISO 8601 timestamp. A day that does not exist (2026-02-30, which Date
 * would roll over into March) is refused, not moved.
 */
const instant = z
  .string()
  .trim()
  .transform((text, context) => {
    const parts = INSTANT.exec(text);
    if (parts === null) {
      context.addIssue({ code: 'custom', message: INSTANT_FORMAT });
      return z.NEVER;
    }
    const [, year, month, day, hour, minute, second, zone] = parts;
    const dayMs = Date.UTC(Number(year), Number(month) - 1, Number(day));
    const exists = new Date(dayMs).getUTCDate() === Number(day) && Number(month) <= 12;
    const ms =
      hour === undefined
        ? dayMs
        : Date.parse(
            `${year}-${month}-${day}T${hour}:${minute ?? '00'}:${second ?? '00'}${zone ?? 'Z'}`,
          );
    if (!exists || Number.isNaN(ms)) {
      context.addIssue({ code: 'custom', message: `${text} is not a real date or time` });
      return z.NEVER;
    }
    return ms;
  });

const statusList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((part) => part.split(',')))
  .pipe(z.array(z.enum(itemStatuses, { error: `must be ${itemStatuses.join(', ')}` })).min(1));

export const filterShape = {
  status: statusList.optional(),
  target: oneValue(z.string().regex(systemIdPattern, 'must be a system id ([a-z0-9-])')).optional(),
  entityType: oneValue(boundedText).optional(),
  entityKey: oneValue(boundedText).optional(),
  errorClass: oneValue(
    z.enum(['transient', 'permanent'], { error: 'must be transient or permanent' }),
  ).optional(),
  errorCode: oneValue(boundedText).optional(),
  from: oneValue(z.string()).pipe(instant).optional(),
  to: oneValue(z.string()).pipe(instant).optional(),
  q: oneValue(boundedText).optional(),
};

const cursorText = z
  .string()
  .max(200)
  .transform((text, context): PageCursor => {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      const cursor = z
        .object({
          position: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
          id: z.string().regex(/^\d{1,18}$/),
        })
        .strict()
        .parse(parsed);
      return cursor;
    } catch {
      context.addIssue({ code: 'custom', message: 'is not a cursor this API returned' });
      return z.NEVER;
    }
  });

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

const limit = z
  .string()
  .regex(/^\d{1,3}$/, 'must be a whole number from 1 to 200')
  .transform(Number)
  .pipe(z.number().min(1).max(200, 'must be at most 200'));

const listQuery = z
  .object({
    ...filterShape,
    cursor: cursorText.optional(),
    before: cursorText.optional(),
    last: z.enum(['true'], { error: 'must be true' }).optional(),
    limit: limit.optional(),
  })
  .strict()
  .refine(
    (query) => [query.cursor, query.before, query.last].filter((v) => v !== undefined).length <= 1,
    { error: 'give one of cursor, before and last', path: ['cursor'] },
  );

export interface ListQuery {
  readonly filter: ItemFilter;
  readonly cursor?: PageCursor;
  /** older: the page after `cursor`; newer: the page before it (the last page without one). */
  readonly direction: PageDirection;
  readonly limit: number;
}

type FilterInput = z.infer<z.ZodObject<typeof filterShape>>;

export function toItemFilter(input: FilterInput): ItemFilter {
  if (input.from !== undefined && input.to !== undefined && input.from >= input.to) {
    const message = 'must be before to (an empty time range matches nothing)';
    throw new ReviewerError('INVALID_REQUEST', `from: ${message}`, false, {
      errors: [{ field: 'from', message }],
    });
  }
  const { q, ...rest } = input;
  const filter: Record<string, unknown> = { ...rest, ...(q === undefined ? {} : { text: q }) };
  for (const key of Object.keys(filter))
    if (filter[key] === undefined) Reflect.deleteProperty(filter, key);
  return filter;
}

export function parseListQuery(query: unknown): ListQuery {
  const parsed = check(listQuery, query ?? {});
  const { cursor, before, last, limit: size, ...filters } = parsed;
  const at = cursor ?? before;
  return {
    filter: toItemFilter(filters),
    ...(at === undefined ? {} : { cursor: at }),
    direction: before !== undefined || last !== undefined ? 'newer' : 'older',
    limit: size ?? 50,
  };
}

const note = z.string().trim().min(1, 'a note is required').max(2000);

export const bulkRetryBody = z
  .object({
    filter: z.object(filterShape).strict().default({}),
    dryRun: z.boolean().default(false),
    note: note.optional(),
  })
  .strict();

/** Bulk resolve and discard: a note is required unless it is a dry run, as for one item. */
export const bulkFinishBody = bulkRetryBody.refine(
  (body) => body.dryRun || body.note !== undefined,
  { error: 'a note is required (unless dryRun)', path: ['note'] },
);

export const actionBody = z.object({ note: note.optional() }).strict();
export const finishBody = z.object({ note }).strict();

const auditQuery = z
  .object({
    itemId: oneValue(z.string().regex(/^\d{1,18}$/, 'must be an item id')).optional(),
    actor: oneValue(boundedText).optional(),
    action: oneValue(z.enum(auditActions)).optional(),
    before: oneValue(z.string().regex(/^\d{1,18}$/, 'must be an audit entry id')).optional(),
    limit: limit.optional(),
  })
  .strict();

export function parseAuditQuery(query: unknown): { filter: AuditFilter; limit: number } {
  const { limit: size, ...rest } = check(auditQuery, query ?? {});
  const filter: Record<string, unknown> = { ...rest };
  for (const key of Object.keys(filter))
    if (filter[key] === undefined) Reflect.deleteProperty(filter, key);
  return { filter, limit: size ?? 50 };
}

export const itemId = z.string().regex(/^\d{1,18}$/, 'must be a numeric item id');

/** Parses or throws 400 naming every field that does not fit. */
export function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({
    field: issue.path.join('.') || '(root)',
    message:
      issue.code === 'unrecognized_keys'
        ? `unknown field(s): ${issue.keys.join(', ')}`
        : issue.message,
  }));
  throw new ReviewerError(
    'INVALID_REQUEST',
    errors.map((error) => `${error.field}: ${error.message}`).join('; '),
    false,
    { errors },
  );
}
