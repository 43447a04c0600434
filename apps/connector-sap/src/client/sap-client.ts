/**
 * Every call to SAP goes through the SAP Cloud SDK's `executeHttpRequest`: it builds the
 * request from a destination (basic auth, or our bearer token) and, on a write, fetches the
 * CSRF token with its session cookies and sends both. The SDK fetches a token before every
 * write and does not retry a 403, so when SAP still answers 403 `x-csrf-token: Required`
 * (the token or session lapsed between the fetch and the write) the call is sent once more,
 * which makes the SDK fetch a fresh token. Outside SAP BTP the SDK cannot fetch OAuth
 * client-credential tokens, so the connector does, through the kit's credential cache.
 */
import {
  encodeAllParameters,
  executeHttpRequest,
  type HttpResponse,
} from '@sap-cloud-sdk/http-client';
import type { HttpDestination } from '@sap-cloud-sdk/connectivity';
import { CredentialCache, HTTP_CLIENT_DEFAULTS, networkFailure } from '@hub/connector-runtime';
import type { Clock } from '@hub/resilience';
import { fetchOAuthToken, type OAuthClient } from './oauth-token';
import { SAP_ERROR_CODES, sapFailure } from './sap-errors';
import { TransientError, PermanentError } from '@hub/resilience';

export type SapAuth =
  | { readonly kind: 'basic'; readonly user: string; readonly password: string }
  | ({ readonly kind: 'oauth' } & OAuthClient);

export interface SapClientOptions {
  readonly systemId: string;
  readonly url: string;
  readonly sapClient?: string;
  readonly auth: SapAuth;
  readonly timeoutMs: number;
  readonly clock?: Clock;
}

export interface SapRequest {
  readonly service: string;
  /** Below the service root: `A_PurchaseOrder('4500000001')`, `PostDifferences`. */
  readonly path: string;
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
}

export interface SapAnswer {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly data: unknown;
}

function headersOf(response: HttpResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers as Record<string, unknown>))
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  return headers;
}

const csrfRequired = (answer: SapAnswer) =>
  answer.status === 403 && answer.headers['x-csrf-token']?.toLowerCase() === 'required';

export class SapClient {
  readonly counts = { csrfRetries: 0 };
  private readonly tokens: CredentialCache<string> | undefined;

  constructor(private readonly options: SapClientOptions) {
    const { auth } = options;
    this.tokens =
      auth.kind === 'oauth'
        ? new CredentialCache<string>({
            fetch: () => fetchOAuthToken(auth, options.systemId, options.timeoutMs, options.clock),
            isAuthFailure: (error) => error instanceof PermanentError && error.httpStatus === 401,
            clock: options.clock,
          })
        : undefined;
  }

  get systemId(): string {
    return this.options.systemId;
  }

  /** The answer when 2xx; otherwise the classified error (SAP's message kept). */
  async request(call: SapRequest): Promise<SapAnswer> {
    const describe = `SAP ${this.options.systemId} ${call.method} ${call.service}/${call.path}`;
    const send = async (bearer: string | undefined): Promise<SapAnswer> => {
      let answer = await this.send(call, bearer, describe);
      if (call.method !== 'GET' && csrfRequired(answer)) {
        this.counts.csrfRetries += 1;
        answer = await this.send(call, bearer, describe);
        if (csrfRequired(answer))
          throw new TransientError(
            SAP_ERROR_CODES.csrfRefused,
            `${describe} failed: SAP refused a freshly fetched CSRF token twice (403 x-csrf-token: Required); check that cookies reach SAP unchanged`,
            { httpStatus: 403 },
          );
      }
      if (answer.status >= 200 && answer.status < 300) return answer;
      throw sapFailure(answer.status, answer.headers, answer.data, describe);
    };
    return this.tokens === undefined ? send(undefined) : this.tokens.use((token) => send(token));
  }

  private destination(bearer: string | undefined): HttpDestination {
    const { url, sapClient, auth } = this.options;
    return auth.kind === 'basic'
      ? {
          url,
          sapClient,
          username: auth.user,
          password: auth.password,
          authentication: 'BasicAuthentication',
        }
      : {
          url,
          sapClient,
          authentication: 'NoAuthentication',
          headers: { authorization: `Bearer ${bearer ?? ''}` },
        };
  }

  private async send(
    call: SapRequest,
    bearer: string | undefined,
    describe: string,
  ): Promise<SapAnswer> {
    let response: HttpResponse;
    try {
      response = await executeHttpRequest(
        this.destination(bearer),
        {
          method: call.method,
          url: `/sap/opu/odata/sap/${call.service}/${call.path}`,
          params: { ...call.query },
          // Custom parameters are sent as given unless an encoder is named; $filter has spaces and quotes.
          parameterEncoder: encodeAllParameters,
          data: call.body,
          headers: {
            accept: 'application/json',
            ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...call.headers,
          },
          signal: call.signal,
          timeout: this.options.timeoutMs,
          validateStatus: () => true,
          maxRedirects: 0,
          maxContentLength: HTTP_CLIENT_DEFAULTS.maxResponseBytes,
        },
        { fetchCsrfToken: call.method !== 'GET' },
      );
    } catch (error) {
      throw networkFailure(error, describe);
    }
    return {
      status: response.status,
      headers: headersOf(response),
      data: response.data as unknown,
    };
  }
}
