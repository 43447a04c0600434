/**
 * The one HTTP call the Odoo transports make, over the connector kit's client (keep-alive
 * pool per origin, timeout, size limit, failures below HTTP already classified). The caller
 * reads the status and body itself, since JSON-RPC reports errors with HTTP 200. A function
 * type, so unit tests script the answers (testing/post-stub.ts).
 */
import { networkFailure, sharedHttpClient, type HttpClient } from '@hub/connector-runtime';
import type { HttpHeaders } from '@hub/resilience';

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
  readonly signal: AbortSignal;
  /** For messages: `Odoo <system> <operation>`. */
  readonly describe: string;
}

export type HttpPost = (url: string, options: PostOptions) => Promise<PostedResponse>;

export function postWith(client: HttpClient): HttpPost {
  return (url, options) => client.request({ url, method: 'POST', ...options });
}

export const httpPost: HttpPost = (url, options) => postWith(sharedHttpClient())(url, options);
