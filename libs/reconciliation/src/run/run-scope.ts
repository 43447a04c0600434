/**
 * What an operator may ask of an L3 run started now: one warehouse (`warehouse`), or a key
 * range (`fromKey`, `toKey`, inclusive, either side may be open); nothing: the whole pair.
 * Checked the same at the connector's admin route and at the reviewer that proxies it.
 */
import { z } from 'zod';
import type { KeyScope } from '../store/owner-ledger';
import { warehouseScope } from './full-compare';

const printable = (text: string): boolean =>
  !Array.from(text).some((character) => character < ' ' || character === '\u007f');

const key = z.string().min(1).max(500).refine(printable, 'must not contain control characters');

export const runScopeRequest = z
  .strictObject({
    warehouse: z
      .string()
      .min(1)
      .max(100)
      .refine(
        (code) => printable(code) && !code.includes(':'),
        'must be a warehouse code (no ":" nor control characters)',
      )
      .optional(),
    fromKey: key.optional(),
    toKey: key.optional(),
  })
  .refine(
    (scope) =>
      scope.warehouse === undefined || (scope.fromKey === undefined && scope.toKey === undefined),
    {
      error: 'give a warehouse or a key range (fromKey, toKey), not both',
      path: ['warehouse'],
    },
  )
  .refine(
    (scope) =>
      scope.fromKey === undefined || scope.toKey === undefined || scope.fromKey <= scope.toKey,
    { error: 'must not sort before fromKey', path: ['toKey'] },
  );

export type RunScopeRequest = z.infer<typeof runScopeRequest>;

/** The key bounds a checked request asks for; undefined: no scope, the whole pair. */
export function keyScopeOf(request: RunScopeRequest): KeyScope | undefined {
  const { warehouse, fromKey, toKey } = request;
  if (warehouse !== undefined) return warehouseScope(warehouse);
  if (fromKey === undefined && toKey === undefined) return undefined;
  return {
    ...(fromKey === undefined ? {} : { fromKey }),
    ...(toKey === undefined ? {} : { toKey }),
  };
}
