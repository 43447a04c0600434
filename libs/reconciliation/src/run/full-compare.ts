/**
 * L3, the full compare of one pair (entity type, receiver): the owner ledger page by page in
 * key order, each page's keys read from the receiver in one batched read, judged by
 * `compareSnapshots` and recorded. A key is not judged when the owner state moved while the
 * page was read (in flight) or when the hub has not applied the owner's newest state yet
 * (explained: in progress, waiting for a retry, or dead-lettered, which L0 and the reviewer
 * report). Report-only: nothing is repaired here.
 *
 * A run may be scoped (`keyScope`: inclusive bounds on the key, stored as the run's scope):
 * it reads, judges and heals only the keys within, and leaves every other item as it is.
 *
 * Keys only the receiver has (unknown to the owner) are out of reach of a ledger-driven pass:
 * the receiver delta (L2) finds those it changed.
 */
import type { JsonValue } from '@hub/idempotency';
import type { Clock } from '@hub/primitives';
import type { Comparison } from '../compare/compare-snapshots';
import type { Verdict } from '../compare/verdicts';
import type { KeyScope, LedgerRow, OwnerLedger } from '../store/owner-ledger';
import { judgeReceiver, type ReceiverJudgeDeps } from './judge-receiver';
import { runOverLedger, type LedgerRunDeps } from './ledger-run';

export interface FullCompareDeps extends LedgerRunDeps, ReceiverJudgeDeps {
  readonly ledger: Pick<OwnerLedger, 'page' | 'changedSince'>;
  /** The receiver's compared value per key, for these keys: one batched read. */
  readonly readReceiver: (
    keys: readonly string[],
    signal: AbortSignal,
  ) => Promise<ReadonlyMap<string, JsonValue>>;
  readonly clock: Clock;
}

/**
 * The scope of one warehouse's inventory levels (keys `<warehouse>:<sku>`): from `WH1:` to
 * `WH1:\uffff` (the highest character of the basic plane), so every SKU of the code sorts within
 * and `WH10:…` does not.
 */
export function warehouseScope(code: string): KeyScope {
  return { fromKey: `${code}:`, toKey: `${code}:\uffff` };
}

/** The scope as the run records it: only the bounds given. */
export function scopeRecord(scope: KeyScope = {}): Record<string, JsonValue> {
  return {
    ...(scope.fromKey === undefined ? {} : { fromKey: scope.fromKey }),
    ...(scope.toKey === undefined ? {} : { toKey: scope.toKey }),
  };
}

export interface FullCompareReport {
  readonly runId: string;
  readonly compared: number;
  readonly counts: Readonly<Record<Verdict, number>>;
  /** Batched receiver reads: one per page. */
  readonly erpCalls: number;
  readonly halted: boolean;
}

async function comparePage(
  deps: FullCompareDeps,
  rows: readonly LedgerRow[],
  signal: AbortSignal,
): Promise<Comparison> {
  const windowOpened = deps.clock.now();
  const receiver = await deps.readReceiver(
    rows.map((row) => row.entityKey),
    signal,
  );
  return judgeReceiver(deps, rows, receiver, windowOpened);
}

export async function runFullCompare(
  deps: FullCompareDeps,
  signal: AbortSignal,
): Promise<FullCompareReport> {
  return runOverLedger(
    deps,
    'L3',
    scopeRecord(deps.keyScope),
    { judge: (rows) => comparePage(deps, rows, signal), callsPerPage: 1 },
    signal,
  );
}
