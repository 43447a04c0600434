/** The drift routes' parameters, checked at the edge (400 naming the field) before any connector is asked. */
import { systemIdPattern } from '@hub/contracts';
import { keyScopeOf, runScopeRequest, type RunScopeRequest } from '@hub/reconciliation';
import { z } from 'zod';
import { check } from '../api/request-schemas';
import { ReviewerError } from '../problem/reviewer-error';
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

/**
 * The scope of a run now, checked as the connector checks it (runScopeRequest): absent when
 * none is asked; only an L3 takes one.
 */
export function runScopeOf(level: string, body: unknown): RunScopeRequest | undefined {
  const scope = check(runScopeRequest, body ?? {});
  if (keyScopeOf(scope) === undefined) return undefined;
  if (level !== 'L3')
    throw new ReviewerError(
      'INVALID_REQUEST',
      `A scope (warehouse, fromKey, toKey) applies to L3 only, not ${level}.`,
    );
  return scope;
}

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
