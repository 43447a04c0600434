/**
 * L0, delivery gaps, from the hub's own tables alone (no ERP call): for each key of the owner
 * ledger older than a grace period, did this receiver apply the owner's newest state? The
 * idempotency guard says what was applied; the write records say what was tried. A newest
 * state with no write record at all was accepted and never tried: `undelivered`, a gap only
 * a lost message or a bug makes. One being written or retried is in flight; one that failed
 * for good is explained (its dead letter is the operator's). Younger keys are left to the
 * next run: the write flow may simply not have reached them yet.
 */
import type { AppliedVersion, JsonValue, WriteState } from '@hub/idempotency';
import type { Clock } from '@hub/primitives';
import { emptyCounts, type Comparison, type Finding } from '../compare/compare-snapshots';
import type { Verdict } from '../compare/verdicts';
import type { LedgerRow } from '../store/owner-ledger';
import { appliedJudgement, type AppliedLookup } from './applied-state';
import { runOverLedger, type LedgerRunDeps } from './ledger-run';

export interface DeliveryGapDeps extends LedgerRunDeps {
  /** The idempotency guard's row per key; absent: never applied. */
  readonly applied: AppliedLookup;
  /** The state of these writes' records (absent: never tried). */
  readonly writeStates: (
    correlationIds: readonly string[],
  ) => Promise<ReadonlyMap<string, WriteState>>;
  readonly comparable: (payload: JsonValue) => JsonValue;
  /** Keys whose owner state moved less than this long ago are not judged (ms). */
  readonly graceMs: number;
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
  applied: ReadonlyMap<string, AppliedVersion>,
  states: ReadonlyMap<string, WriteState>,
): Verdict {
  const judgement = appliedJudgement(row, applied.get(row.entityKey));
  if (judgement === 'applied') return 'in-sync';
  if (judgement === 'ahead') return 'in-flight';
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
  const cutoff = deps.clock.now() - deps.graceMs;
  const { runId, compared, counts, halted } = await runOverLedger(
    deps,
    'L0',
    { graceMs: deps.graceMs },
    // A delivery check heals only the gaps it found itself: it says nothing about values.
    { judge: (rows) => checkPage(deps, rows, cutoff), heals: ['undelivered'], callsPerPage: 0 },
  );
  return { runId, compared, counts, halted };
}
