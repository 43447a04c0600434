/**
 * Recomputes the open-item gauges from Postgres: on a timer, and shortly after any change
 * (debounced), so /metrics follows operator actions without a query per scrape. Targets
 * that no longer have open items drop to zero rather than keep their last value.
 */
import type { HubMetrics, Logger } from '@hub/observability';
import type { ItemStore } from '../store/item-store';

const AGE_BANDS = ['lt_1h', '1h_24h', 'gt_24h'] as const;
const DEBOUNCE_MS = 200;

export class OpenItemGauges {
  private readonly known = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private soonTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly items: ItemStore,
    private readonly metrics: HubMetrics,
    private readonly logger: Logger,
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  start(): void {
    this.refreshLogged();
    this.timer = setInterval(() => {
      this.refreshLogged();
    }, this.intervalMs);
  }

  /** Something changed: refresh soon, once for a burst of changes. */
  soon(): void {
    if (this.soonTimer !== undefined) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = undefined;
      this.refreshLogged();
    }, DEBOUNCE_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.soonTimer);
    await this.running;
  }

  async refresh(): Promise<void> {
    const now = this.now();
    const stats = await this.items.openStats(now);
    const seen = new Set<string>();
    for (const stat of stats) {
      seen.add(stat.target);
      this.known.add(stat.target);
      this.metrics.dlqOpenItems.set({ target: stat.target }, stat.open);
      this.metrics.dlqOldestOpenSeconds.set(
        { target: stat.target },
        Math.max(0, (now - stat.oldestAt) / 1000),
      );
      const bands = [stat.underHour, stat.underDay, stat.overDay];
      AGE_BANDS.forEach((age, index) => {
        this.metrics.dlqOpenItemsByAge.set({ target: stat.target, age }, bands[index] ?? 0);
      });
    }
    for (const target of this.known) {
      if (seen.has(target)) continue;
      this.metrics.dlqOpenItems.set({ target }, 0);
      this.metrics.dlqOldestOpenSeconds.set({ target }, 0);
      for (const age of AGE_BANDS) this.metrics.dlqOpenItemsByAge.set({ target, age }, 0);
    }
  }

  private refreshLogged(): void {
    if (this.running !== undefined) return;
    this.running = this.refresh()
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'open-item gauges not refreshed');
      })
      .finally(() => {
        this.running = undefined;
      });
  }
}
