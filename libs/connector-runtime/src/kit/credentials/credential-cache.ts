/**
 * One credential (a session id, a bearer token, a CSRF token) shared by every concurrent
 * call: a single fetch however many callers need it at once, renewed `renewBeforeMs` before
 * it expires, renewed once when a call using it reports an auth failure, and never cached
 * when the fetch fails (the next caller tries again; a refused login is the caller's to
 * stop, e.g. by classifying it as permanent).
 */
import { systemClock, type Clock } from '@hub/resilience';

export interface FetchedCredential<T> {
  readonly value: T;
  /** Epoch ms after which the target refuses it; absent for a credential that lasts until refused. */
  readonly expiresAt?: number;
}

export interface CredentialCacheOptions<T> {
  /** Logs in or fetches a token. Shared by every caller waiting, so it gets no caller's signal. */
  readonly fetch: () => Promise<FetchedCredential<T>>;
  /** True when the target refused the credential (401, AccessDenied, expired session). */
  readonly isAuthFailure: (error: unknown) => boolean;
  /** Renew this long before expiresAt, so no call goes out with a credential about to lapse. Default 60 s. */
  readonly renewBeforeMs?: number;
  readonly clock?: Clock;
}

interface Held<T> {
  readonly value: T;
  readonly renewAt: number;
}

export class CredentialCache<T> {
  private held: Held<T> | undefined;
  private pending: Promise<Held<T>> | undefined;
  private readonly clock: Clock;
  private readonly renewBeforeMs: number;

  constructor(private readonly options: CredentialCacheOptions<T>) {
    this.clock = options.clock ?? systemClock;
    this.renewBeforeMs = options.renewBeforeMs ?? 60_000;
  }

  /** The current credential, fetched (once for all callers) when there is none or it is due for renewal. */
  async get(): Promise<T> {
    const held = this.held;
    if (held !== undefined && this.clock.now() < held.renewAt) return held.value;
    return (await this.renew()).value;
  }

  /**
   * Runs `call` with the credential; when it fails with an auth failure, renews once and
   * runs it again. A second auth failure stands (the credential itself is refused).
   */
  async use<R>(call: (credential: T) => Promise<R>): Promise<R> {
    const credential = await this.get();
    try {
      return await call(credential);
    } catch (error) {
      if (!this.options.isAuthFailure(error)) throw error;
      this.invalidate(credential);
      return call(await this.get());
    }
  }

  /**
   * Drops `stale` so the next get() renews. Only the credential the caller saw is dropped:
   * ten callers failing with the same token cause one renewal, not ten.
   */
  invalidate(stale: T): void {
    if (this.held === undefined || !Object.is(this.held.value, stale)) return;
    this.held = undefined;
  }

  private renew(): Promise<Held<T>> {
    this.pending ??= this.options.fetch().then(
      (fetched) => {
        const held = {
          value: fetched.value,
          renewAt:
            fetched.expiresAt === undefined
              ? Number.POSITIVE_INFINITY
              : fetched.expiresAt - this.renewBeforeMs,
        };
        this.held = held;
        this.pending = undefined;
        return held;
      },
      (error: unknown) => {
        this.pending = undefined;
        throw error;
      },
    );
    return this.pending;
  }
}
