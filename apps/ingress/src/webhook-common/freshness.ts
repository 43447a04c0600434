/** Replay windows for senders whose deliveries carry a time but no signature over it. */

/** Clocks disagree; a sender a few minutes ahead is not an attacker. */
export const FUTURE_SKEW_MS = 5 * 60_000;

export function isFresh(at: number, now: number, maxAgeMs: number): boolean {
  return at >= now - maxAgeMs && at <= now + FUTURE_SKEW_MS;
}
