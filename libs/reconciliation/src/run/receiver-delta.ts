/**
 * L2, the receiver delta of one pair: what the receiver says changed since the last delta
 * (a hand edit, a restore, another integration), each changed key judged against the owner
 * ledger like L3 judges a page. It finds what someone touched at a receiver that does not
 * own the data, at the cost of the changed keys only, long before the nightly L3; and it
 * finds keys only the receiver has (`unknown-to-owner`), which a ledger-driven pass cannot.
 * The run's scope keeps where it stopped (`until`), the next delta starts there.
 */
import type { JsonValue } from '@hub/idempotency';
import type { Clock } from '@hub/primitives';
import {
  DEFAULT_DRIFT_CAP,
  emptyCounts,
  exceedsDriftCap,
  type DriftCap,
} from '../compare/compare-snapshots';
import { VERDICTS, type Verdict } from '../compare/verdicts';
import type { DriftStore, Pair } from '../store/drift-store';
import type { OwnerLedger } from '../store/owner-ledger';
import { judgeReceiver, type ReceiverJudgeDeps } from './judge-receiver';

export interface ReceiverChangePage {
  readonly values: ReadonlyMap<string, JsonValue>;
  /** The newest change time among them (epoch ms); `since` when nothing changed. */
  readonly until: number;
  readonly calls: number;
}

export interface ReceiverDeltaDeps extends ReceiverJudgeDeps {
  readonly pair: Pair;
  readonly ledger: Pick<OwnerLedger, 'entries' | 'changedSince'>;
  readonly drift: Pick<
    DriftStore,
    'startRun' | 'recordPage' | 'finishRun' | 'failRun' | 'lastDeltaUntil'
  >;
  /** The receiver's keys changed at or after `since`, about `limit` at most, oldest first. */
  readonly readChanges: (
    since: number,
    limit: number,
    signal: AbortSignal,
  ) => Promise<ReceiverChangePage>;
  /** Where the first delta of a pair starts (epoch ms); later ones start where the last stopped. */
  readonly firstSince: number;
  readonly pageSize: number;
  /** Pages one run reads at most; the next run carries on from where this one stopped. */
  readonly maxPages: number;
  readonly clock: Clock;
  readonly cap?: DriftCap;
}

export interface ReceiverDeltaReport {
  readonly runId: string;
  readonly compared: number;
  readonly counts: Readonly<Record<Verdict, number>>;
  readonly erpCalls: number;
  readonly halted: boolean;
  readonly since: number;
  readonly until: number;
}

export async function runReceiverDelta(
  deps: ReceiverDeltaDeps,
  signal: AbortSignal,
): Promise<ReceiverDeltaReport> {
  const { pair } = deps;
  const since = (await deps.drift.lastDeltaUntil(pair)) ?? deps.firstSince;
  const runId = await deps.drift.startRun(pair, 'L2', { since });
  const counts = emptyCounts();
  let compared = 0;
  let erpCalls = 0;
  let until = since;
  // Keys changed at a page's last time come again on the next page: judged once per run.
  const judgedKeys = new Set<string>();
  try {
    for (let page = 0; page < deps.maxPages; page++) {
      signal.throwIfAborted();
      const windowOpened = deps.clock.now();
      const changes = await deps.readChanges(until, deps.pageSize, signal);
      erpCalls += changes.calls;
      const fresh = new Map([...changes.values].filter(([key]) => !judgedKeys.has(key)));
      for (const key of fresh.keys()) judgedKeys.add(key);
      const owner = await deps.ledger.entries(pair.receiver, pair.entityType, [...fresh.keys()]);
      const judged = await judgeReceiver(deps, [...owner.values()], fresh, windowOpened);
      await deps.drift.recordPage(runId, pair, judged);
      compared += judged.compared;
      for (const verdict of VERDICTS) counts[verdict] += judged.counts[verdict];
      // A short page is the end; a full one at the same time cannot move on (read again next run).
      const moved = changes.until > until;
      until = Math.max(until, changes.until);
      if (changes.values.size < deps.pageSize || !moved) break;
    }
  } catch (error) {
    await deps.drift.failRun(runId);
    throw error;
  }
  const halted = exceedsDriftCap({ counts, compared }, deps.cap ?? DEFAULT_DRIFT_CAP);
  await deps.drift.finishRun(runId, { counts, erpCalls, halted, scope: { since, until } });
  return { runId, compared, counts, erpCalls, halted, since, until };
}
