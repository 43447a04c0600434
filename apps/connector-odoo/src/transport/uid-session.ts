/**
 * The uid of a JSON-RPC/XML-RPC login, reused for every call (Odoo's `object` service is
 * stateless: db, uid and key go with each call, §1.1). One authentication at a time; on
 * AccessDenied (key revoked, user changed) or an expired session it authenticates once
 * more and repeats the call once. A refused login (`false`) is not retried in a loop:
 * Odoo's login cooldown would lock the integration out (§1.8).
 */
import { needsNewLogin } from './odoo-errors';

export class UidSession {
  private pending: Promise<number> | undefined;
  private known: number | undefined;

  constructor(private readonly authenticate: (signal: AbortSignal) => Promise<number>) {}

  async withUid<T>(signal: AbortSignal, call: (uid: number) => Promise<T>): Promise<T> {
    const uid = await this.uid(signal);
    try {
      return await call(uid);
    } catch (error) {
      if (!needsNewLogin(error)) throw error;
      this.forget(uid);
      return call(await this.uid(signal));
    }
  }

  private uid(signal: AbortSignal): Promise<number> {
    this.pending ??= this.authenticate(signal).then(
      (uid) => {
        this.known = uid;
        return uid;
      },
      (error: unknown) => {
        this.pending = undefined;
        throw error;
      },
    );
    return this.pending;
  }

  /** Only a caller that saw the current uid resets it; a re-login already under way stays. */
  private forget(staleUid: number): void {
    if (this.known !== staleUid) return;
    this.known = undefined;
    this.pending = undefined;
  }
}
