/**
 * The stale-write rule. A candidate is stale only when its source version is strictly
 * older than the newest version applied for the same target and entity.
 *
 * Equal versions are NOT stale: a different change stamped with the same coarse source
 * timestamp (Odoo's `write_date` has 1-second resolution) is applied, because events of
 * one entity arrive in partition order. The exact same event is caught earlier, by its
 * correlation id, never by this rule.
 *
 * The guard upsert in SQL mirrors this: it advances `WHERE excluded.version >= applied.version`.
 */
export function isStale(candidateVersion: number, appliedVersion: number | null): boolean {
  if (appliedVersion === null) return false;
  return candidateVersion < appliedVersion;
}
