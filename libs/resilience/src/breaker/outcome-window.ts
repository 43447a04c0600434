/**
 * Outcomes inside a rolling time window (at - windowMs, at], kept sorted by time, with
 * running counts so recording stays cheap at high call rates.
 */
interface Entry {
  readonly at: number;
  readonly failed: boolean;
}

export interface WindowCounts {
  readonly calls: number;
  readonly failures: number;
}

export class OutcomeWindow {
  private held: Entry[] = [];
  private failures = 0;

  constructor(private readonly windowMs: number) {}

  add(at: number, failed: boolean): void {
    // Outcomes mostly arrive in order; a late one is inserted in place.
    let index = this.held.length;
    while (index > 0 && (this.held[index - 1]?.at ?? -Infinity) > at) index -= 1;
    this.held.splice(index, 0, { at, failed });
    if (failed) this.failures += 1;
  }

  /** Drops what has left the window at time `at`; returns the counts that remain. */
  prune(at: number): WindowCounts {
    let stale = 0;
    while (stale < this.held.length && (this.held[stale]?.at ?? Infinity) <= at - this.windowMs) {
      if (this.held[stale]?.failed === true) this.failures -= 1;
      stale += 1;
    }
    if (stale > 0) this.held.splice(0, stale);
    return { calls: this.held.length, failures: this.failures };
  }

  /** Counts as seen at `at`, without changing anything. */
  countsAt(at: number): WindowCounts {
    const inside = this.held.filter((entry) => entry.at > at - this.windowMs && entry.at <= at);
    return { calls: inside.length, failures: inside.filter((entry) => entry.failed).length };
  }

  /** The outcomes still held, oldest first, as [epoch ms, 1 if it failed]. */
  entries(): ReadonlyArray<readonly [number, 0 | 1]> {
    return this.held.map((entry) => [entry.at, entry.failed ? 1 : 0] as const);
  }

  clear(): void {
    this.held = [];
    this.failures = 0;
  }
}
