/**
 * One HTTP POST with a timeout, its failures already classified: network errors and
 * timeouts are transient (@hub/resilience classifyNetworkError); the caller reads the
 * status and body itself, since JSON-RPC reports errors with HTTP 200.
 *
 * node:http with a keep-alive agent rather than fetch: one adapter write is three or more
 * Odoo calls, and in the benchmark fetch (undici) alone took a quarter of the connector's CPU.
 */
import http from 'node:http';
import https from 'node:https';
import {
  TransientError,
  classifyNetworkError,
  errorMessage,
  type HttpHeaders,
} from '@hub/resilience';

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

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export const httpPost: HttpPost = (url, options) => {
  const target = new URL(url);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const request = target.protocol === 'https:' ? https.request : http.request;
  return new Promise<PostedResponse>((resolve, reject) => {
    const fail = (error: unknown): void => {
      // A timeout surfaces as an AbortError; name the timeout itself so it reads as one.
      reject(networkFailure(timeout.aborted ? timeout.reason : error, options.describe));
    };
    const outgoing = request(
      target,
      {
        method: 'POST',
        agent: target.protocol === 'https:' ? agents['https:'] : agents['http:'],
        headers: { ...options.headers, 'content-length': Buffer.byteLength(options.body) },
        signal: AbortSignal.any([options.signal, timeout]),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    outgoing.on('error', fail);
    outgoing.end(options.body);
  });
};

export function networkFailure(error: unknown, describe: string): TransientError {
  const classified = classifyNetworkError(error);
  return new TransientError(
    classified?.code ?? 'ODOO_UNREACHABLE',
    `${describe} failed: ${classified?.message ?? errorMessage(error)}`,
    { cause: error },
  );
}
