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
  /** L0: the hub accepted the owner's newest state of the key and never tried to write it. */
  'undelivered',
  /** The key changed while it was being read (an event accepted or a write running): re-checked later. */
  'in-flight',
  /** The hub is still working on the key (see Explanation): the difference is accounted for. */
  'explained',
] as const;

export type Verdict = (typeof VERDICTS)[number];

/** The verdicts that count as drift (and against the drift cap). */
export const DRIFT_VERDICTS: readonly Verdict[] = ['drifted', 'missing-at-receiver', 'undelivered'];

/**
 * Why a difference is not drift: the hub has a newer owner state it has not applied yet (in
 * progress, waiting for a retry, or dead-lettered), or a retry is pending, or a dead letter
 * is open for the key.
 */
export type Explanation = 'not-yet-applied' | 'pending-retry' | 'open-dead-letter';
