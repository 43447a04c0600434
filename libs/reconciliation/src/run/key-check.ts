/**
 * A scoped L3 on keys an operator names (re-check an item, or before repairing it): the
 * owner ledger's state of the keys, the receiver's values in one batched read, judged like
 * a page of the full compare and recorded as a run of its own. A key neither side has any
 * more heals its item (an unknown-to-owner key the receiver since removed).
 */
import type { JsonValue } from '@hub/idempotency';
import type { Clock } from '@hub/primitives';
import type { DriftStore } from '../store/drift-store';
import type { OwnerLedger } from '../store/owner-ledger';
import { judgeReceiver, type ReceiverJudgeDeps } from './judge-receiver';
import type { FullCompareReport } from './full-compare';

export interface KeyCheckDeps extends ReceiverJudgeDeps {
  readonly ledger: Pick<OwnerLedger, 'entries' | 'changedSince'>;
  readonly drift: Pick<DriftStore, 'startRun' | 'recordPage' | 'finishRun' | 'failRun'>;
  readonly readReceiver: (
    keys: readonly string[],
    signal: AbortSignal,
  ) => Promise<ReadonlyMap<string, JsonValue>>;
  readonly clock: Clock;
}

export async function runKeyCheck(
  deps: KeyCheckDeps,
  keys: readonly string[],
  signal: AbortSignal,
): Promise<FullCompareReport> {
  const { pair } = deps;
  const runId = await deps.drift.startRun(pair, 'L3', { keys: [...keys] });
  try {
    const owner = await deps.ledger.entries(pair.receiver, pair.entityType, keys);
    const windowOpened = deps.clock.now();
    const receiver = await deps.readReceiver(keys, signal);
    const judged = await judgeReceiver(deps, [...owner.values()], receiver, windowOpened);
    const gone = keys.filter((key) => !owner.has(key) && !receiver.has(key));
    const page = { ...judged, inSync: [...judged.inSync, ...gone] };
    await deps.drift.recordPage(runId, pair, page);
    // A key check is never halted: an operator asked about exactly these keys.
    await deps.drift.finishRun(runId, { counts: judged.counts, erpCalls: 1, halted: false });
    return { runId, compared: judged.compared, counts: judged.counts, erpCalls: 1, halted: false };
  } catch (error) {
    await deps.drift.failRun(runId);
    throw error;
  }
}
