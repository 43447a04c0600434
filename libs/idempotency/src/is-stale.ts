/**
 * The stale-write rule. A candidate is stale when it is strictly older than the newest
 * fact applied for the same target and entity: an older source version, or an equal source
 * version that arrived earlier on the entity's partition (arrival order, 0 when unknown).
 *
 * Equal versions with equal (or unknown) arrival order are NOT stale: a different change
 * stamped with the same coarse source timestamp is applied, because events of one entity
 * arrive in partition order. The exact same event is caught earlier, by its correlation
 * id, never by this rule.
 *
 * The guard upsert in SQL mirrors this: it advances
 * `WHERE (excluded.version, excluded.arrival) >= (applied.version, applied.arrival)`.
 */
export function isStale(
  candidateVersion: number,
  appliedVersion: number | null,
  candidateArrival = 0,
  appliedArrival = 0,
): boolean {
  if (appliedVersion === null) return false;
  if (candidateVersion !== appliedVersion) return candidateVersion < appliedVersion;
  return candidateArrival < appliedArrival;
}
