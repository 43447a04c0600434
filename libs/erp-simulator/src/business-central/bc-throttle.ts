/**
 * BC's per-principal request limit: a sliding window (6,000 requests per 5 minutes in the
 * docs, https://learn.microsoft.com/en-us/training/modules/work-with-api/4-limits/); past it
 * 429 with Retry-After (the seconds until the oldest request leaves the window). Refused
 * requests do not count.
 */
export interface BcRateLimit {
  readonly requests: number;
  readonly windowMs: number;
}

export const BC_DEFAULT_RATE_LIMIT: BcRateLimit = { requests: 6000, windowMs: 300_000 };

export class BcThrottle {
  private readonly seen = new Map<string, number[]>();
  /** 429s answered, per principal. */
  readonly refused = new Map<string, number>();

  constructor(
    public limit: BcRateLimit,
    private readonly now: () => number,
  ) {}

  /** undefined when admitted (and counted); else the Retry-After in seconds. */
  admit(principal: string): number | undefined {
    const now = this.now();
    const recent = (this.seen.get(principal) ?? []).filter((at) => at > now - this.limit.windowMs);
    this.seen.set(principal, recent);
    if (recent.length >= this.limit.requests) {
      this.refused.set(principal, (this.refused.get(principal) ?? 0) + 1);
      const oldest = recent[0] ?? now;
      return Math.max(1, Math.ceil((oldest + this.limit.windowMs - now) / 1000));
    }
    recent.push(now);
    return undefined;
  }

  /** Requests admitted in the current window. */
  count(principal: string): number {
    return (this.seen.get(principal) ?? []).length;
  }
}
