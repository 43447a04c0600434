/**
 * How L2 and L3 judge what they read from a receiver against the owner ledger: a key whose
 * owner state moved, or whose write landed, since the read window opened is in flight (the
 * receiver may have been read before the write and the guard after it); a key whose newest
 * owner state the hub has not applied yet is explained (in progress, waiting for a retry, or
 * dead-lettered, which L0 and the reviewer report); the rest are compared by value. A key
 * the receiver has and the ledger does not is unknown to the owner.
 */
import type { JsonValue } from '@hub/idempotency';
import { compareSnapshots, type Comparison, type OwnerState } from '../compare/compare-snapshots';
import type { Explanation } from '../compare/verdicts';
import type { Pair } from '../store/drift-store';
import type { LedgerRow, OwnerLedger } from '../store/owner-ledger';
import { appliedJudgement, appliedSince, type AppliedLookup } from './applied-state';

export interface ReceiverJudgeDeps {
  readonly pair: Pair;
  readonly ledger: Pick<OwnerLedger, 'changedSince'>;
  /** The idempotency guard's row per key; absent: never applied. */
  readonly applied: AppliedLookup;
  /** The owner payload's compared value (e.g. the quantity of an inventory level). */
  readonly comparable: (payload: JsonValue) => JsonValue;
  readonly same: (owner: JsonValue, receiver: JsonValue) => boolean;
}

export async function judgeReceiver(
  deps: ReceiverJudgeDeps,
  rows: readonly LedgerRow[],
  receiver: ReadonlyMap<string, JsonValue>,
  windowOpened: number,
): Promise<Comparison> {
  const keys = [...new Set([...rows.map((row) => row.entityKey), ...receiver.keys()])];
  const [applied, moved] = await Promise.all([
    deps.applied(rows.map((row) => row.entityKey)),
    deps.ledger.changedSince(deps.pair.receiver, deps.pair.entityType, keys, windowOpened),
  ]);
  const inFlight = new Set(moved);
  const explained = new Map<string, Explanation>();
  for (const row of rows) {
    const guard = applied.get(row.entityKey);
    const judgement = appliedJudgement(row, guard);
    if (appliedSince(guard, windowOpened) || judgement === 'ahead') inFlight.add(row.entityKey);
    else if (judgement === 'not-applied') explained.set(row.entityKey, 'not-yet-applied');
  }
  return compareSnapshots({
    owner: new Map(
      rows.map((row): [string, OwnerState] => [
        row.entityKey,
        { value: deps.comparable(row.payload), version: row.sourceVersion },
      ]),
    ),
    receiver,
    inFlight,
    explained,
    same: deps.same,
  });
}
