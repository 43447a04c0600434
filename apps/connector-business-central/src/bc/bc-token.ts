/**
 * The bearer token: the kit's Entra ID token cache (msal-node client credentials through
 * the kit's HTTP client and credential cache: one request however many writes need it,
 * renewed before expiry and once after a 401 from Business Central).
 */
import { entraIdTokenCache, type CredentialCache, type HttpClient } from '@hub/connector-runtime';
import type { Clock } from '@hub/resilience';

export interface BcTokenSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authorityHost: string;
  readonly loginRoute?: string;
  readonly scope: string;
  readonly timeout: number;
}

export const BC_AUTH_ERROR_CODES = {
  refused: 'BC_AUTH_REFUSED',
  unavailable: 'BC_TOKEN_UNAVAILABLE',
} as const;

/** A 401 from Business Central: the credential cache renews the token once and retries. */
export class BcAuthFailure extends Error {}

export function createBcTokenCache(
  settings: BcTokenSettings,
  http: HttpClient,
  clock: Clock,
): CredentialCache<string> {
  return entraIdTokenCache({
    api: 'Business Central',
    codes: BC_AUTH_ERROR_CODES,
    isAuthFailure: (error) => error instanceof BcAuthFailure,
    tenantId: settings.tenantId,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorityHost: settings.authorityHost,
    loginRoute: settings.loginRoute,
    scope: settings.scope,
    timeoutMs: settings.timeout,
    http,
    clock,
  });
}
