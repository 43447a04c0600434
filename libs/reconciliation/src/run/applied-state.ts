/**
 * What the idempotency guard says about a ledger row: did this receiver apply the owner's
 * newest state? A repair writes that state again under a correlation id of its own but keeps
 * its source version and arrival order, so a key is applied when the guard holds the row's
 * correlation id or the row's exact version. Judging by the correlation id alone would call
 * every repaired key "not yet applied" for good, and no later drift of it would ever be seen.
 */
import type { AppliedVersion } from '@hub/idempotency';
import type { LedgerRow } from '../store/owner-ledger';

/** The guard row per key (absent: never applied). */
export type AppliedLookup = (
  keys: readonly string[],
) => Promise<ReadonlyMap<string, AppliedVersion>>;

export type AppliedJudgement =
  /** The guard holds this row's state. */
  | 'applied'
  /** The guard holds a newer state than the ledger's: the ledger has not caught up yet. */
  | 'ahead'
  | 'not-applied';

export function appliedJudgement(
  row: Pick<LedgerRow, 'correlationId' | 'sourceVersion' | 'arrivalOrder'>,
  applied: AppliedVersion | undefined,
): AppliedJudgement {
  if (applied === undefined) return 'not-applied';
  if (applied.correlationId === row.correlationId) return 'applied';
  if (applied.version === row.sourceVersion && applied.arrivalOrder === row.arrivalOrder)
    return 'applied';
  const ahead =
    applied.version > row.sourceVersion ||
    (applied.version === row.sourceVersion && applied.arrivalOrder > row.arrivalOrder);
  return ahead ? 'ahead' : 'not-applied';
}

/**
 * Whether a write landed since the read window opened: the receiver may have been read
 * before or after it, so its difference means nothing yet.
 */
export function appliedSince(applied: AppliedVersion | undefined, windowOpened: number): boolean {
  return applied !== undefined && applied.appliedAt >= windowOpened;
}
