/**
 * What every level's run does around its judgement: open the run, walk the owner ledger of
 * the pair page by page in key order, record each judged page, add up the verdicts, mark the
 * run failed on an error (and rethrow), and finish it, halted when the drift cap says so.
 */
import type { JsonValue } from '@hub/idempotency';
import {
  DEFAULT_DRIFT_CAP,
  emptyCounts,
  exceedsDriftCap,
  type Comparison,
  type DriftCap,
} from '../compare/compare-snapshots';
import { VERDICTS, type Verdict } from '../compare/verdicts';
import type { DriftStore, Pair, RunLevel } from '../store/drift-store';
import type { KeyScope, LedgerRow, OwnerLedger } from '../store/owner-ledger';

export interface LedgerRunDeps {
  readonly pair: Pair;
  readonly ledger: Pick<OwnerLedger, 'page'>;
  readonly drift: Pick<DriftStore, 'startRun' | 'recordPage' | 'finishRun' | 'failRun'>;
  readonly pageSize: number;
  readonly cap?: DriftCap;
  /** Only the keys within these bounds are read, judged and healed (all when omitted). */
  readonly keyScope?: KeyScope;
}

export interface LedgerRunReport {
  readonly runId: string;
  readonly compared: number;
  readonly counts: Readonly<Record<Verdict, number>>;
  /** Target calls the judgements made (pages × callsPerPage). */
  readonly erpCalls: number;
  readonly halted: boolean;
}

export interface PageJudgement {
  readonly judge: (rows: readonly LedgerRow[]) => Promise<Comparison>;
  /** Only items of these verdicts heal when their key is in sync (all when omitted). */
  readonly heals?: readonly Verdict[];
  /** Target calls one judgement makes: 1 for a batched read (L3), 0 from the hub's tables (L0). */
  readonly callsPerPage: number;
}

export async function runOverLedger(
  deps: LedgerRunDeps,
  level: RunLevel,
  scope: JsonValue,
  judgement: PageJudgement,
  signal?: AbortSignal,
): Promise<LedgerRunReport> {
  const { pair } = deps;
  const runId = await deps.drift.startRun(pair, level, scope);
  const counts = emptyCounts();
  let compared = 0;
  let pages = 0;
  let afterKey = '';
  try {
    for (;;) {
      signal?.throwIfAborted();
      const rows = await deps.ledger.page(
        pair.receiver,
        pair.entityType,
        afterKey,
        deps.pageSize,
        deps.keyScope,
      );
      const last = rows.at(-1);
      if (last === undefined) break;
      const page = await judgement.judge(rows);
      pages += 1;
      await deps.drift.recordPage(runId, pair, page, judgement.heals);
      compared += page.compared;
      for (const verdict of VERDICTS) counts[verdict] += page.counts[verdict];
      afterKey = last.entityKey;
    }
  } catch (error) {
    await deps.drift.failRun(runId);
    throw error;
  }
  const halted = exceedsDriftCap({ counts, compared }, deps.cap ?? DEFAULT_DRIFT_CAP);
  const erpCalls = pages * judgement.callsPerPage;
  await deps.drift.finishRun(runId, { counts, erpCalls, halted });
  return { runId, compared, counts, erpCalls, halted };
}
