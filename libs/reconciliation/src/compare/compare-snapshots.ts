/**
 * The comparison at the heart of every reconciliation level: the owner's state and the
 * receiver's state for the same keys, read at about the same time, judged key by key. It is
 * pure (reads happen elsewhere, pages at a time), so the rules are tested without an ERP.
 *
 * Precedence: a key that changed during the read is `in-flight` (either side may be
 * mid-write, so the difference means nothing yet); then a key the hub is still working on
 * (pending retry, open dead letter) is `explained`; only then are values compared.
 */
import type { JsonValue } from '@hub/idempotency';
import { DRIFT_VERDICTS, VERDICTS, type Explanation, type Verdict } from './verdicts';

export interface OwnerState {
  readonly value: JsonValue;
  /** The owner's source version of this state (epoch ms), as the hub last accepted it. */
  readonly version: number;
}

export interface ComparisonInput {
  readonly owner: ReadonlyMap<string, OwnerState>;
  readonly receiver: ReadonlyMap<string, JsonValue>;
  /** Keys with an event accepted or a write running since the read window opened. */
  readonly inFlight: ReadonlySet<string>;
  readonly explained: ReadonlyMap<string, Explanation>;
  /** Whether the receiver's value stands for the owner's (per entity type: e.g. 5 and 5.000). */
  readonly same: (owner: JsonValue, receiver: JsonValue) => boolean;
}

export interface Finding {
  readonly key: string;
  readonly verdict: Exclude<Verdict, 'in-sync'>;
  readonly ownerValue: JsonValue | null;
  readonly ownerVersion: number | null;
  readonly receiverValue: JsonValue | null;
  readonly explanation: Explanation | null;
}

export type VerdictCounts = Readonly<Record<Verdict, number>>;

export interface Comparison {
  /** Every key not in sync, in key order. */
  readonly findings: readonly Finding[];
  /** The keys found in sync, in key order (an open drift item of one of them has healed). */
  readonly inSync: readonly string[];
  readonly counts: VerdictCounts;
  /** Keys compared: the union of both sides. */
  readonly compared: number;
}

function verdictOf(
  key: string,
  owner: OwnerState | undefined,
  receiver: JsonValue | undefined,
  input: ComparisonInput,
): Verdict {
  if (input.inFlight.has(key)) return 'in-flight';
  if (owner === undefined) return input.explained.has(key) ? 'explained' : 'unknown-to-owner';
  if (receiver !== undefined && input.same(owner.value, receiver)) return 'in-sync';
  if (input.explained.has(key)) return 'explained';
  return receiver === undefined ? 'missing-at-receiver' : 'drifted';
}

/** Every verdict at zero. */
export function emptyCounts(): Record<Verdict, number> {
  return Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
}

export function compareSnapshots(input: ComparisonInput): Comparison {
  const keys = [...new Set([...input.owner.keys(), ...input.receiver.keys()])].sort();
  const counts = emptyCounts();
  const findings: Finding[] = [];
  const inSync: string[] = [];
  for (const key of keys) {
    const owner = input.owner.get(key);
    const receiver = input.receiver.get(key);
    const verdict = verdictOf(key, owner, receiver, input);
    counts[verdict] += 1;
    if (verdict === 'in-sync') {
      inSync.push(key);
      continue;
    }
    findings.push({
      key,
      verdict,
      ownerValue: owner?.value ?? null,
      ownerVersion: owner?.version ?? null,
      receiverValue: receiver ?? null,
      explanation: verdict === 'explained' ? (input.explained.get(key) ?? null) : null,
    });
  }
  return { findings, inSync, counts, compared: keys.length };
}

export function driftCount(counts: VerdictCounts): number {
  return DRIFT_VERDICTS.reduce((sum, verdict) => sum + counts[verdict], 0);
}

export interface DriftCap {
  /** The largest share of compared keys that may be drift before the run halts (0 to 1). */
  readonly share: number;
  /** Below this many compared keys the cap does not apply (a tiny scoped run may be all drift). */
  readonly minimumCompared: number;
}

/** Default: more than a fifth of the keys drifted is a misconfigured pair far more often than drift. */
export const DEFAULT_DRIFT_CAP: DriftCap = { share: 0.2, minimumCompared: 50 };

/**
 * True when a run found so much drift that it is more likely a misconfiguration (wrong
 * warehouse mapping, wrong company, a receiver restored from another system) than drift:
 * the run halts and nothing is repaired until an operator approves.
 */
export function exceedsDriftCap(
  comparison: Pick<Comparison, 'counts' | 'compared'>,
  cap: DriftCap = DEFAULT_DRIFT_CAP,
): boolean {
  if (comparison.compared < cap.minimumCompared) return false;
  return driftCount(comparison.counts) > cap.share * comparison.compared;
}
