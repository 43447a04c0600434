import { CredentialCache, type FetchedCredential } from './credential-cache';

class AuthFailure extends Error {}

function setup(expiresInMs?: number) {
  const clock = { time: 1_000_000, now: () => clock.time };
  let fetches = 0;
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const cache = new CredentialCache<string>({
    clock,
    renewBeforeMs: 30_000,
    isAuthFailure: (error) => error instanceof AuthFailure,
    fetch: async (): Promise<FetchedCredential<string>> => {
      const n = ++fetches;
      await (gate ?? Promise.resolve());
      return {
        value: `token-${n}`,
        ...(expiresInMs === undefined ? {} : { expiresAt: clock.time + expiresInMs }),
      };
    },
  });
  return {
    cache,
    clock,
    fetches: () => fetches,
    hold: () => {
      gate = new Promise((resolve) => (release = resolve));
    },
    release: () => {
      gate = undefined;
      release?.();
    },
  };
}

describe('CredentialCache', () => {
  it('fetches once for 10 concurrent callers', async () => {
    const t = setup();
    t.hold();
    const calls = Array.from({ length: 10 }, () => t.cache.get());
    t.release();
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 10 }, () => 'token-1'));
    expect(t.fetches()).toBe(1);
    await t.cache.get();
    expect(t.fetches()).toBe(1);
  });

  it('renews the margin before expiry, once for concurrent callers', async () => {
    const t = setup(300_000);
    expect(await t.cache.get()).toBe('token-1');
    t.clock.time += 269_000;
    expect(await t.cache.get()).toBe('token-1');
    t.clock.time += 1_000;
    const calls = await Promise.all(Array.from({ length: 5 }, () => t.cache.get()));
    expect(calls).toEqual(Array.from({ length: 5 }, () => 'token-2'));
    expect(t.fetches()).toBe(2);
  });

  it('renews once on an auth failure and repeats the call once', async () => {
    const t = setup();
    const seen: string[] = [];
    const result = await t.cache.use((token) => {
      seen.push(token);
      return token === 'token-1' ? Promise.reject(new AuthFailure()) : Promise.resolve(token);
    });
    expect(result).toBe('token-2');
    expect(seen).toEqual(['token-1', 'token-2']);
    await expect(t.cache.use(() => Promise.reject(new AuthFailure()))).rejects.toBeInstanceOf(
      AuthFailure,
    );
    expect(t.fetches()).toBe(3);
  });

  it('renews once when concurrent callers fail with the same credential', async () => {
    const t = setup();
    await t.cache.get();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.cache.use((token) =>
          token === 'token-1' ? Promise.reject(new AuthFailure()) : Promise.resolve(token),
        ),
      ),
    );
    expect(new Set(results)).toEqual(new Set(['token-2']));
    expect(t.fetches()).toBe(2);
  });

  it('does not renew on other failures', async () => {
    const t = setup();
    await expect(t.cache.use(() => Promise.reject(new Error('HTTP 500')))).rejects.toThrow('500');
    expect(t.fetches()).toBe(1);
  });

  it('does not cache a failed fetch', async () => {
    let attempts = 0;
    const cache = new CredentialCache<number>({
      isAuthFailure: () => false,
      fetch: () =>
        ++attempts === 1
          ? Promise.reject(new Error('network down'))
          : Promise.resolve({ value: 7 }),
    });
    const first = await Promise.allSettled([cache.get(), cache.get()]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(attempts).toBe(1);
    await expect(cache.get()).resolves.toBe(7);
  });
});
