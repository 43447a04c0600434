/**
 * The store's only source of time. Lease expiry, timestamps and purge cut-offs come from
 * here and reach SQL as parameters; Postgres `now()` is never consulted, so tests move
 * time by hand and every worker agrees with its own decisions.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
