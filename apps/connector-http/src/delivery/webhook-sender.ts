/**
 * One signed POST to one endpoint (Standard Webhooks v1, docs/erp-protocols.md §5.2): the
 * signature covers `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint's `whsec_`
 * secret, through the reference `standardwebhooks` package. While the receiver rotates, an
 * endpoint has two secrets and `webhook-signature` carries one signature per secret,
 * space-separated (the spec's list exists for this), so a receiver that knows either verifies. `webhook-id` is the event's
 * correlation id, stable across retries, so the receiver can deduplicate on it;
 * `webhook-timestamp` is this attempt's time.
 */
import { withLinkedSignal } from '@hub/primitives';
import type { Clock } from '@hub/resilience';
import { Webhook } from 'standardwebhooks';
import type { EndpointConfig } from '../app/endpoints-setting';

export interface SentResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The start of the response body, for an operator reading a failure. */
  readonly excerpt: string;
}

export type FetchFunction = typeof fetch;

const EXCERPT_BYTES = 200;
const USER_AGENT = 'erp-integration-hub-connector-http/0.1';

export function signedHeaders(
  signers: readonly Webhook[],
  webhookId: string,
  body: string,
  at: Date,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signers.map((signer) => signer.sign(webhookId, at, body)).join(' '),
  };
}

export class WebhookSender {
  private readonly signers = new Map<string, readonly Webhook[]>();

  constructor(
    private readonly clock: Clock,
    private readonly fetchFn: FetchFunction = fetch,
  ) {}

  /** Rejects on network failure, timeout or abort (classify with classifyNetworkError). */
  async send(
    endpoint: EndpointConfig,
    webhookId: string,
    body: string,
    signal: AbortSignal,
  ): Promise<SentResponse> {
    const headers = signedHeaders(
      this.signersFor(endpoint),
      webhookId,
      body,
      new Date(this.clock.now()),
    );
    // The timeout covers the whole exchange, body included; the caller's signal stops it on shutdown.
    return withLinkedSignal([signal, AbortSignal.timeout(endpoint.timeoutMs)], async (exchange) => {
      const response = await this.fetchFn(endpoint.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: exchange,
      });
      return {
        status: response.status,
        headers: response.headers,
        excerpt: await readExcerpt(response),
      };
    });
  }

  private signersFor(endpoint: EndpointConfig): readonly Webhook[] {
    let signers = this.signers.get(endpoint.id);
    if (signers === undefined) {
      signers = endpoint.secrets.map((secret) => new Webhook(secret));
      this.signers.set(endpoint.id, signers);
    }
    return signers;
  }
}

/** Reads at most EXCERPT_BYTES of the body: an endpoint's error page may be large. */
async function readExcerpt(response: Response): Promise<string> {
  if (response.body === null) return '';
  // Node's lib types leave the chunk type open; fetch bodies are byte streams.
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  // One line: it ends up in a Kafka header (hub-last-error) and in log lines.
  return Buffer.concat(chunks)
    .subarray(0, EXCERPT_BYTES)
    .toString('utf8')
    .replace(/\s+/g, ' ')
    .trim();
}
