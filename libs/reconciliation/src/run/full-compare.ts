/**
 * L3, the full compare of one pair (entity type, receiver): the owner ledger page by page in
 * key order, each page's keys read from the receiver in one batched read, judged by
 * `compareSnapshots` and recorded. A key is not judged when the owner state moved while the
 * page was read (in flight) or when the hub has not applied the owner's newest state yet
 * (explained: in progress, waiting for a retry, or dead-lettered, which L0 and the reviewer
 * report). Report-only: nothing is repaired here.
 *
 * Keys only the receiver has (unknown to the owner) are out of reach of a ledger-driven pass;
 * finding them needs a receiver-side scan.
 */
import type { JsonValue } from '@hub/idempotency';
import type { Clock } from '@hub/primitives';
import { compareSnapshots, type Comparison, type OwnerState } from '../compare/compare-snapshots';
import type { Explanation, Verdict } from '../compare/verdicts';
import type { LedgerRow, OwnerLedger } from '../store/owner-ledger';
import { runOverLedger, type LedgerRunDeps } from './ledger-run';

export interface FullCompareDeps extends LedgerRunDeps {
  readonly ledger: Pick<OwnerLedger, 'page' | 'changedSince'>;
  /** The receiver's compared value per key, for these keys: one batched read. */
  readonly readReceiver: (
    keys: readonly string[],
    signal: AbortSignal,
  ) => Promise<ReadonlyMap<string, JsonValue>>;
  /** The correlation id the hub last applied per key (the idempotency guard); absent: never applied. */
  readonly applied: (keys: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  /** The owner payload's compared value (e.g. the quantity of an inventory level). */
  readonly comparable: (payload: JsonValue) => JsonValue;
  readonly same: (owner: JsonValue, receiver: JsonValue) => boolean;
  readonly clock: Clock;
  readonly scope?: JsonValue;
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
  const keys = rows.map((row) => row.entityKey);
  const windowOpened = deps.clock.now();
  const receiver = await deps.readReceiver(keys, signal);
  const [applied, moved] = await Promise.all([
    deps.applied(keys),
    deps.ledger.changedSince(deps.pair.receiver, deps.pair.entityType, keys, windowOpened),
  ]);
  const explained = new Map<string, Explanation>();
  for (const row of rows)
    if (applied.get(row.entityKey) !== row.correlationId)
      explained.set(row.entityKey, 'not-yet-applied');
  return compareSnapshots({
    owner: new Map(
      rows.map((row): [string, OwnerState] => [
        row.entityKey,
        { value: deps.comparable(row.payload), version: row.sourceVersion },
      ]),
    ),
    receiver,
    inFlight: moved,
    explained,
    same: deps.same,
  });
}

export async function runFullCompare(
  deps: FullCompareDeps,
  signal: AbortSignal,
): Promise<FullCompareReport> {
  return runOverLedger(
    deps,
    'L3',
    deps.scope ?? {},
    { judge: (rows) => comparePage(deps, rows, signal), callsPerPage: 1 },
    signal,
  );
}
