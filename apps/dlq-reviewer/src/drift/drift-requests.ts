/** The drift routes' parameters, checked at the edge (400 naming the field) before any connector is asked. */
import { systemIdPattern } from '@hub/contracts';
import { z } from 'zod';
import { check } from '../api/request-schemas';
import type { DriftAction } from './drift-proxy';

const entityType = z.string().regex(/^[a-z][a-z-]{0,99}$/, 'must be an entity type');
// A key travels URL-encoded to the connector; control characters are never part of one.
const entityKey = z
  .string()
  .min(1)
  .max(500)
  .refine(
    (text) => !Array.from(text).some((character) => character < ' ' || character === '\u007f'),
    'must not contain control characters',
  );

export const driftPairParams = z.object({
  system: z.string().regex(systemIdPattern, 'must be a system id'),
  entityType,
});

export const driftItemParams = driftPairParams.extend({ key: entityKey });

export const driftItemActions = [
  'recheck',
  'repair',
  'ignore',
  'reopen',
] as const satisfies readonly DriftAction[];

const itemQuery = z
  .object({
    status: z.enum(['open', 'ignored', 'healed']).optional(),
    verdict: z
      .enum(['drifted', 'missing-at-receiver', 'unknown-to-owner', 'undelivered'])
      .optional(),
    after: entityKey.optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();

const runQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).optional() }).strict();

export const driftLevel = z.enum(['L0', 'L2', 'L3']);
export const driftRunId = z.uuid();

function queryString(values: Readonly<Record<string, string | number | undefined>>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values))
    if (value !== undefined) query.set(name, String(value));
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/** The connector's item query, rebuilt from checked values only. */
export function itemQueryString(query: unknown): string {
  return queryString(check(itemQuery, query ?? {}));
}

export function runQueryString(query: unknown): string {
  return queryString(check(runQuery, query ?? {}));
}
