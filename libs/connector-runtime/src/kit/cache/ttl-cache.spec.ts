import { TtlCache } from './ttl-cache';

function fixture(ttlMs = 1_000, maxEntries?: number) {
  const clock = { time: 0, now: () => clock.time };
  return { clock, cache: new TtlCache<number>({ ttlMs, clock, maxEntries }) };
}

describe('TtlCache', () => {
  it('serves an entry until its TTL has passed, then loads again', async () => {
    const { clock, cache } = fixture();
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    await expect(cache.getOrLoad('SKU-1', load)).resolves.toBe(1);
    clock.time = 999;
    await expect(cache.getOrLoad('SKU-1', load)).resolves.toBe(1);
    clock.time = 1_000;
    await expect(cache.getOrLoad('SKU-1', load)).resolves.toBe(2);
  });

  it('shares one load between concurrent misses of a key', async () => {
    const { cache } = fixture();
    let loads = 0;
    let resolve: (value: number) => void = () => undefined;
    const load = () => {
      loads++;
      return new Promise<number>((r) => (resolve = r));
    };
    const calls = [cache.getOrLoad('k', load), cache.getOrLoad('k', load)];
    resolve(42);
    await expect(Promise.all(calls)).resolves.toEqual([42, 42]);
    expect(loads).toBe(1);
  });

  it('does not cache a failed load', async () => {
    const { cache } = fixture();
    await expect(cache.getOrLoad('k', () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    await expect(cache.getOrLoad('k', () => Promise.resolve(7))).resolves.toBe(7);
  });

  it('drops the oldest entry past maxEntries, and caches nothing with a TTL of 0', () => {
    const { cache } = fixture(1_000, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
    const off = fixture(0).cache;
    off.set('a', 1);
    expect(off.get('a')).toBeUndefined();
  });
});
