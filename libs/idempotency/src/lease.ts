/**
 * A lease is live while the clock is strictly before its expiry; at the expiry instant
 * it can be taken over. The takeover predicate in SQL (`lease_expires_at <= $now`) is
 * the negation of this.
 */
export function leaseIsLive(leaseExpiresAt: number | null, now: number): boolean {
  return leaseExpiresAt !== null && now < leaseExpiresAt;
}

export interface LiveLease {
  readonly owner: string;
  readonly expiresAt: number;
}

/** The lease held on a record at `now`, or null when nobody holds one (released or expired). */
export function liveLease(
  owner: string | null,
  expiresAt: number | null,
  now: number,
): LiveLease | null {
  if (owner === null || expiresAt === null || !leaseIsLive(expiresAt, now)) return null;
  return { owner, expiresAt };
}
