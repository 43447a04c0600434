/**
 * What one comparison of owner and receiver says about one key. Only `drifted` and
 * `missing-at-receiver` are drift an operator may repair; the others are reported for what
 * they are, so live traffic and known failures never look like drift.
 */
export const VERDICTS = [
  'in-sync',
  /** Both have the key with different values, and nothing in the hub explains it. */
  'drifted',
  /** The owner has the key, the receiver does not. */
  'missing-at-receiver',
  /** The receiver has a key the owner never reported: nothing to repair from; reported only. */
  'unknown-to-owner',
  /** The key changed while it was being read (an event accepted or a write running): re-checked later. */
  'in-flight',
  /** A pending retry or an open dead letter already accounts for the difference. */
  'explained',
] as const;

export type Verdict = (typeof VERDICTS)[number];

/** The verdicts that count as drift (and against the drift cap). */
export const DRIFT_VERDICTS: readonly Verdict[] = ['drifted', 'missing-at-receiver'];

export type Explanation = 'pending-retry' | 'open-dead-letter';
