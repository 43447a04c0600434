/**
 * The uid of a JSON-RPC/XML-RPC login, reused for every call (Odoo's `object` service is
 * stateless: db, uid and key go with each call, §1.1), held in the kit's credential cache:
 * one authentication for all concurrent calls; on AccessDenied (key revoked, user changed)
 * or an expired session it authenticates once more and repeats the call once. A refused
 * login (`false`) is not retried in a loop: Odoo's login cooldown would lock the
 * integration out (§1.8). A uid does not expire by time.
 */
import { CredentialCache } from '@hub/connector-runtime';
import { needsNewLogin } from './odoo-errors';

/** The login is shared by every waiting call, so no one caller's abort may cancel it; the transport's timeout bounds it. */
const sharedLogin = new AbortController().signal;

export function uidSession(
  authenticate: (signal: AbortSignal) => Promise<number>,
): CredentialCache<number> {
  return new CredentialCache<number>({
    fetch: async () => ({ value: await authenticate(sharedLogin) }),
    isAuthFailure: needsNewLogin,
  });
}
