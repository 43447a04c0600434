/**
 * A small per-process cache for lookups that rarely change (a product id by SKU, a
 * warehouse's location, a company id): entries live `ttlMs`; concurrent misses of one key
 * share one load; a failed load is not cached; past `maxEntries` the oldest entry goes.
 */
import { systemClock, type Clock } from '@hub/resilience';

export interface TtlCacheOptions {
  readonly ttlMs: number;
  readonly maxEntries?: number;
  readonly clock?: Clock;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<V>>();
  private readonly clock: Clock;
  private readonly maxEntries: number;

  constructor(private readonly options: TtlCacheOptions) {
    this.clock = options.clock ?? systemClock;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    if (hit.expiresAt > this.clock.now()) return hit.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: V): void {
    if (this.options.ttlMs <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: this.clock.now() + this.options.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** The cached value, or one load shared by every caller asking for the key meanwhile. */
  getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    let pending = this.loading.get(key);
    if (pending === undefined) {
      pending = load().then(
        (value) => {
          this.loading.delete(key);
          this.set(key, value);
          return value;
        },
        (error: unknown) => {
          this.loading.delete(key);
          throw error;
        },
      );
      this.loading.set(key, pending);
    }
    return pending;
  }

  get size(): number {
    return this.entries.size;
  }
}
