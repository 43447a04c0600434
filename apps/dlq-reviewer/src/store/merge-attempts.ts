/** The failure history of an item that was dead-lettered again: old and new attempts, once each. */
import type { AttemptView } from './item-types';

const attemptKey = (attempt: AttemptView): string =>
  `${String(attempt.attempt)}@${String(attempt.at)}`;

/**
 * A new dead letter carries the whole history the retry headers brought along, so most of
 * its attempts are already on the item: an attempt is the same when number and time match.
 * Kept in time order (then attempt number) so the last one is the latest failure.
 */
export function mergeAttempts(
  existing: readonly AttemptView[],
  incoming: readonly AttemptView[],
): AttemptView[] {
  const seen = new Set(existing.map(attemptKey));
  const added = incoming.filter((attempt) => {
    const key = attemptKey(attempt);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [...existing, ...added].sort((a, b) => a.at - b.at || a.attempt - b.attempt);
}
