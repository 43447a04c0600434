/**
 * The bearer token: OAuth 2.0 client credentials against Microsoft Entra ID through
 * msal-node, held and renewed by the kit's credential cache (one fetch for all concurrent
 * callers, renewed a minute before expiry and once on a 401). msal's own cache is skipped
 * (`skipCache`) so there is one cache, not two.
 *
 * msal is given the authority's metadata (`authorityMetadata`, `cloudDiscoveryMetadata`)
 * instead of discovering it: no discovery round trip at start, and the token endpoint is a
 * setting (BC_TOKEN_URL). msal requires an https authority but posts to whatever token
 * endpoint the metadata names, so tests point that at the simulator's http endpoint while
 * msal does everything else for real (form body, client id and secret, errors, expiry). Its
 * HTTP goes through the kit's client (timeouts, size limit, classified failures).
 */
import {
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import { CredentialCache, type HttpClient } from '@hub/connector-runtime';
import { PermanentError, TransientError, errorMessage, type Clock } from '@hub/resilience';

export interface BcTokenSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authorityHost: string;
  readonly tokenUrl?: string;
  readonly scope: string;
  readonly timeout: number;
}

export const BC_AUTH_ERROR_CODES = {
  refused: 'BC_AUTH_REFUSED',
  unavailable: 'BC_TOKEN_UNAVAILABLE',
} as const;

/** msal's network module on the kit's HTTP client. */
function networkClient(http: HttpClient, timeoutMs: number): INetworkModule {
  const send = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    const response = await http.request({
      url,
      method,
      headers: options?.headers,
      body: options?.body,
      timeoutMs,
      describe: `Entra ID ${method} ${new URL(url).pathname}`,
    });
    const parsed: unknown = JSON.parse(response.text === '' ? '{}' : response.text);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers))
      if (value !== undefined)
        headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    return {
      headers,
      status: response.status,
      body: parsed as T,
    };
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

export function tokenEndpointOf(settings: BcTokenSettings): string {
  return (
    settings.tokenUrl ??
    `${settings.authorityHost.replace(/\/$/, '')}/${settings.tenantId}/oauth2/v2.0/token`
  );
}

export function createBcTokenCache(
  settings: BcTokenSettings,
  http: HttpClient,
  clock: Clock,
): CredentialCache<string> {
  const authority = `${settings.authorityHost.replace(/\/$/, '')}/${settings.tenantId}`;
  const host = new URL(authority).host;
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      authority,
      knownAuthorities: [host],
      authorityMetadata: JSON.stringify({
        token_endpoint: tokenEndpointOf(settings),
        authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
        issuer: `https://login.microsoftonline.com/${settings.tenantId}/v2.0`,
        jwks_uri: `${authority}/discovery/v2.0/keys`,
      }),
      cloudDiscoveryMetadata: JSON.stringify({
        tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      }),
    },
    system: { networkClient: networkClient(http, settings.timeout) },
  });
  return new CredentialCache<string>({
    clock,
    isAuthFailure: (error) => error instanceof BcAuthFailure,
    fetch: async () => {
      let result;
      try {
        result = await app.acquireTokenByClientCredential({
          scopes: [settings.scope],
          skipCache: true,
        });
      } catch (error) {
        throw classifyTokenError(error, settings);
      }
      if (result === null)
        throw new TransientError(BC_AUTH_ERROR_CODES.unavailable, 'Entra ID returned no token');
      return { value: result.accessToken, expiresAt: result.expiresOn?.getTime() };
    },
  });
}

/** A 401 from Business Central: the credential cache renews the token once and retries. */
export class BcAuthFailure extends Error {}

function classifyTokenError(error: unknown, settings: BcTokenSettings): Error {
  if (error instanceof TransientError || error instanceof PermanentError) return error;
  const code =
    typeof error === 'object' && error !== null && 'errorCode' in error
      ? String(error.errorCode)
      : '';
  const message = `Entra ID refused a token for client ${settings.clientId} in tenant ${settings.tenantId}: ${errorMessage(error)}`;
  if (
    [
      'invalid_client',
      'unauthorized_client',
      'invalid_scope',
      'invalid_request',
      'unsupported_grant_type',
    ].includes(code)
  )
    return new PermanentError(
      BC_AUTH_ERROR_CODES.refused,
      `${message} (check BC_CLIENT_ID, BC_CLIENT_SECRET, BC_TENANT_ID, BC_SCOPE)`,
    );
  return new TransientError(BC_AUTH_ERROR_CODES.unavailable, message, { cause: error });
}
