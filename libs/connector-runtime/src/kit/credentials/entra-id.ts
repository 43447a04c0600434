/**
 * Bearer tokens for Microsoft APIs (Business Central, Dynamics 365 Finance & Operations):
 * OAuth 2.0 client credentials against Microsoft Entra ID with @azure/msal-node, held by the
 * kit's CredentialCache (one token request however many writes need it, renewed before
 * expiry and once after an auth failure). msal's own cache is skipped (`skipCache`), so the
 * kit's cache is the only one and a renewal after a 401 really asks Entra ID again.
 *
 * msal's HTTP goes through the kit's HttpClient (timeouts, size limits, classified network
 * failures). `loginRoute`, when set, sends the requests msal makes for the authority host to
 * another base URL (a simulator or an egress proxy). The authority msal sees and validates
 * (https only, instance discovery, issuer checks) is unchanged: msal's checks stay on, which
 * is why the route is in the transport and not an http authority.
 */
import {
  AuthError,
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import type { HttpClient, HttpMethod } from '../http/http-client';
import { CredentialCache } from './credential-cache';
import {
  PermanentError,
  TransientError,
  isHubError,
  type Clock,
  type HttpHeaders,
} from '@hub/resilience';

export interface EntraTokenOptions {
  /** Who the token is for, in messages: `Business Central`, `F&O`. */
  readonly api: string;
  /** Stable codes of the connector's own catalog. */
  readonly codes: { readonly refused: string; readonly unavailable: string };
  /** An auth failure of the API itself (its 401): the token is renewed once and the call repeated. */
  readonly isAuthFailure: (error: unknown) => boolean;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authorityHost: string;
  readonly loginRoute: string | undefined;
  readonly scope: string;
  readonly timeoutMs: number;
  readonly http: HttpClient;
  readonly clock?: Clock;
}

/** Entra answers that no retry changes: a wrong secret, an unknown app or tenant, a bad scope. */
const REFUSALS = new Set([
  'invalid_client',
  'unauthorized_client',
  'invalid_scope',
  'invalid_tenant',
  'invalid_request',
  'invalid_grant',
]);

/** The headers msal looks at, as a plain record. */
const PASSED_HEADERS = [
  'content-type',
  'retry-after',
  'date',
  'x-ms-request-id',
  'client-request-id',
];

function flatHeaders(headers: HttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name of PASSED_HEADERS) {
    const value: unknown =
      typeof headers.get === 'function'
        ? headers.get(name)
        : (headers as Readonly<Record<string, unknown>>)[name];
    if (typeof value === 'string') flat[name] = value;
  }
  return flat;
}

export function routedNetworkModule(options: EntraTokenOptions): INetworkModule {
  const host = options.authorityHost.replace(/\/+$/, '');
  const route = (url: string): string =>
    options.loginRoute !== undefined && url.startsWith(`${host}/`)
      ? `${options.loginRoute.replace(/\/+$/, '')}${url.slice(host.length)}`
      : url;
  const send = async <T>(
    method: HttpMethod,
    url: string,
    request: NetworkRequestOptions | undefined,
  ): Promise<NetworkResponse<T>> => {
    const response = await options.http.request({
      url: route(url),
      method,
      headers: request?.headers,
      body: request?.body,
      timeoutMs: options.timeoutMs,
      describe: `Entra ID ${method} ${url.split('?')[0] ?? url}`,
    });
    let body: unknown = {};
    try {
      body = JSON.parse(response.text);
    } catch {
      body = {};
    }
    return { status: response.status, headers: flatHeaders(response.headers), body: body as T };
  };
  return {
    sendGetRequestAsync: (url, request) => send('GET', url, request),
    sendPostRequestAsync: (url, request) => send('POST', url, request),
  };
}

/** msal's failures as the hub's: a refused credential is permanent, the rest transient. */
export function tokenFailure(
  error: unknown,
  options: Pick<EntraTokenOptions, 'api' | 'codes' | 'clientId' | 'tenantId'>,
): Error {
  if (isHubError(error)) return error;
  const cause = error instanceof Error ? error.cause : undefined;
  if (isHubError(cause)) return cause;
  if (error instanceof AuthError && REFUSALS.has(error.errorCode))
    return new PermanentError(
      options.codes.refused,
      `Entra ID refused the ${options.api} app's credentials (${error.errorCode}): ${error.errorMessage} [client ${options.clientId}, tenant ${options.tenantId}]`,
    );
  const message = error instanceof Error ? error.message : String(error);
  return new TransientError(
    options.codes.unavailable,
    `Entra ID token request for ${options.api} failed: ${message}`,
    {
      cause: error,
    },
  );
}

export function entraIdTokenCache(options: EntraTokenOptions): CredentialCache<string> {
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authority: `${options.authorityHost.replace(/\/+$/, '')}/${options.tenantId}`,
      knownAuthorities: [new URL(options.authorityHost).host],
    },
    system: { networkClient: routedNetworkModule(options) },
  });
  return new CredentialCache<string>({
    clock: options.clock,
    isAuthFailure: options.isAuthFailure,
    fetch: async () => {
      let result;
      try {
        result = await msal.acquireTokenByClientCredential({
          scopes: [options.scope],
          skipCache: true,
        });
      } catch (error) {
        throw tokenFailure(error, options);
      }
      if (result === null)
        throw new TransientError(options.codes.unavailable, 'Entra ID returned no token');
      return { value: result.accessToken, expiresAt: result.expiresOn?.getTime() };
    },
  });
}
