/**
 * L0, delivery gaps, from the hub's own tables alone (no ERP call): for each key of the owner
 * ledger older than a grace period, did this receiver apply the owner's newest state? The
 * idempotency guard says what was applied; the write records say what was tried. A newest
 * state with no write record at all was accepted and never tried: `undelivered`, a gap only
 * a lost message or a bug makes. One being written or retried is in flight; one that failed
 * for good is explained (its dead letter is the operator's). Younger keys are left to the
 * next run: the write flow may simply not have reached them yet.
 */
import type { JsonValue, WriteState } from '@hub/idempotency';
import type { Clock } from '@hub/primitives';
import {
  DEFAULT_DRIFT_CAP,
  emptyCounts,
  exceedsDriftCap,
  type Comparison,
  type DriftCap,
  type Finding,
} from '../compare/compare-snapshots';
import { VERDICTS, type Verdict } from '../compare/verdicts';
import type { DriftStore, Pair } from '../store/drift-store';
import type { LedgerRow, OwnerLedger } from '../store/owner-ledger';

export interface DeliveryGapDeps {
  readonly pair: Pair;
  readonly ledger: Pick<OwnerLedger, 'page'>;
  readonly drift: Pick<DriftStore, 'startRun' | 'recordPage' | 'finishRun' | 'failRun'>;
  /** The correlation id the hub last applied per key (the idempotency guard). */
  readonly applied: (keys: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  /** The state of these writes' records (absent: never tried). */
  readonly writeStates: (
    correlationIds: readonly string[],
  ) => Promise<ReadonlyMap<string, WriteState>>;
  readonly comparable: (payload: JsonValue) => JsonValue;
  /** Keys whose owner state moved less than this long ago are not judged (ms). */
  readonly graceMs: number;
  readonly pageSize: number;
  readonly cap?: DriftCap;
  readonly clock: Clock;
}

export interface DeliveryGapReport {
  readonly runId: string;
  readonly compared: number;
  readonly counts: Readonly<Record<Verdict, number>>;
  readonly halted: boolean;
}

function verdictOf(
  row: LedgerRow,
  cutoff: number,
  applied: ReadonlyMap<string, string>,
  states: ReadonlyMap<string, WriteState>,
): Verdict {
  if (applied.get(row.entityKey) === row.correlationId) return 'in-sync';
  if (row.updatedAt >= cutoff) return 'in-flight';
  const state = states.get(row.correlationId);
  if (state === undefined) return 'undelivered';
  if (state === 'in-flight') return 'in-flight';
  // Failed for good (dead-lettered), or succeeded while an equal version applied after it.
  return state === 'failed-permanently' ? 'explained' : 'in-sync';
}

async function checkPage(
  deps: DeliveryGapDeps,
  rows: readonly LedgerRow[],
  cutoff: number,
): Promise<Comparison> {
  const [applied, states] = await Promise.all([
    deps.applied(rows.map((row) => row.entityKey)),
    deps.writeStates(rows.map((row) => row.correlationId)),
  ]);
  const counts = emptyCounts();
  const findings: Finding[] = [];
  const inSync: string[] = [];
  for (const row of rows) {
    const verdict = verdictOf(row, cutoff, applied, states);
    counts[verdict] += 1;
    if (verdict === 'in-sync') inSync.push(row.entityKey);
    else
      findings.push({
        key: row.entityKey,
        verdict,
        ownerValue: deps.comparable(row.payload),
        ownerVersion: row.sourceVersion,
        receiverValue: null,
        explanation: verdict === 'explained' ? 'open-dead-letter' : null,
      });
  }
  return { findings, inSync, counts, compared: rows.length };
}

export async function runDeliveryGapCheck(deps: DeliveryGapDeps): Promise<DeliveryGapReport> {
  const { pair } = deps;
  const runId = await deps.drift.startRun(pair, 'L0', { graceMs: deps.graceMs });
  const cutoff = deps.clock.now() - deps.graceMs;
  const counts = emptyCounts();
  let compared = 0;
  let afterKey = '';
  try {
    for (;;) {
      const rows = await deps.ledger.page(pair.receiver, pair.entityType, afterKey, deps.pageSize);
      const last = rows.at(-1);
      if (last === undefined) break;
      const page = await checkPage(deps, rows, cutoff);
      // A delivery check heals only the gaps it found itself: it says nothing about values.
      await deps.drift.recordPage(runId, pair, page, ['undelivered']);
      compared += page.compared;
      for (const verdict of VERDICTS) counts[verdict] += page.counts[verdict];
      afterKey = last.entityKey;
    }
  } catch (error) {
    await deps.drift.failRun(runId);
    throw error;
  }
  const halted = exceedsDriftCap({ counts, compared }, deps.cap ?? DEFAULT_DRIFT_CAP);
  await deps.drift.finishRun(runId, { counts, erpCalls: 0, halted });
  return { runId, compared, counts, halted };
}
