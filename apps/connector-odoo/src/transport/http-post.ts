/**
 * The one HTTP call the Odoo transports make, over the connector kit's client (keep-alive
 * pool per origin, timeout, size limit, failures below HTTP already classified). The caller
 * reads the status and body itself, since JSON-RPC reports errors with HTTP 200. A function
 * type, so unit tests script the answers (testing/post-stub.ts).
 *
 * A response over ODOO_MAX_RESPONSE_SIZE is not read to its end (the client closes the
 * connection at the limit) and fails permanently: the same call would get the same answer,
 * so retrying only repeats the transfer; the message says which setting to change.
 */
import {
  HTTP_CLIENT_ERROR_CODES,
  networkFailure,
  sharedHttpClient,
  type HttpClient,
} from '@hub/connector-runtime';
import { HubError, PermanentError, type HttpHeaders } from '@hub/resilience';

export { networkFailure };

export interface PostedResponse {
  readonly status: number;
  readonly headers: HttpHeaders;
  readonly text: string;
}

export interface PostOptions {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  /** ODOO_MAX_RESPONSE_SIZE. */
  readonly maxResponseBytes: number;
  readonly signal: AbortSignal;
  /** For messages: `Odoo <system> <operation>`. */
  readonly describe: string;
}

export type HttpPost = (url: string, options: PostOptions) => Promise<PostedResponse>;

export function postWith(client: HttpClient): HttpPost {
  return async (url, options) => {
    try {
      return await client.request({ url, method: 'POST', ...options });
    } catch (error) {
      if (error instanceof HubError && error.code === HTTP_CLIENT_ERROR_CODES.responseTooLarge)
        throw new PermanentError(
          error.code,
          `${error.message} (ODOO_MAX_RESPONSE_SIZE): lower ODOO_SWEEP_PAGE_SIZE, or raise ODOO_MAX_RESPONSE_SIZE if Odoo's answers are that large`,
        );
      throw error;
    }
  };
}

export const httpPost: HttpPost = (url, options) => postWith(sharedHttpClient())(url, options);
