/**
 * OAuth 2.0 client credentials for a communication arrangement: POST to the token endpoint
 * with the client's id and secret (Basic), through the kit's HTTP client; the token and its
 * lifetime go to the credential cache, which renews it before it expires.
 */
import { sharedHttpClient, type FetchedCredential } from '@hub/connector-runtime';
import { PermanentError, systemClock, type Clock } from '@hub/resilience';
import { SAP_ERROR_CODES } from './sap-errors';

export interface OAuthClient {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export async function fetchOAuthToken(
  client: OAuthClient,
  systemId: string,
  timeoutMs: number,
  clock: Clock = systemClock,
): Promise<FetchedCredential<string>> {
  const describe = `SAP ${systemId} OAuth token from ${client.tokenUrl}`;
  const response = await sharedHttpClient().requestOk({
    url: client.tokenUrl,
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
    timeoutMs,
    describe,
  });
  const body = JSON.parse(response.text) as { access_token?: unknown; expires_in?: unknown };
  if (typeof body.access_token !== 'string' || body.access_token === '')
    throw new PermanentError(
      SAP_ERROR_CODES.oauthFailed,
      `${describe} failed: the answer has no access_token`,
    );
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : undefined;
  return {
    value: body.access_token,
    expiresAt: expiresIn === undefined ? undefined : clock.now() + expiresIn * 1000,
  };
}
