/**
 * The connector-runtime write port over plain HTTP: each canonical event is POSTed as a
 * Standard Webhooks–signed JSON body (webhook-body.ts) to every configured endpoint of its
 * entity type, in endpoint-id order. The runtime does the rest (ownership, idempotency,
 * stale writes, retry and dead-letter routing).
 *
 * Failures: network errors, timeouts, 408/425/429/5xx → TransientError (429/503
 * Retry-After → retryAfterMs); other statuses → PermanentError; 410 Gone disables the
 * endpoint in Postgres and fails transient (ENDPOINT_GONE), and while an endpoint is
 * disabled every delivery to it fails transient (ENDPOINT_DISABLED) without a request, so
 * the events wait in the retry queue until an operator re-enables it.
 */
import type { EntityType } from '@hub/contracts';
import type {
  AnyCanonicalEvent,
  WriteAdapter,
  WriteContext,
  WriteResult,
} from '@hub/connector-runtime';
import type { Logger } from '@hub/observability';
import {
  HubError,
  PermanentError,
  TransientError,
  classifyNetworkError,
  errorMessage,
  type Clock,
} from '@hub/resilience';
import type { EndpointConfig } from '../app/endpoints-setting';
import type { EndpointGauge } from '../endpoint-state/endpoint-gauge';
import type { EndpointStateStore } from '../endpoint-state/endpoint-state-store';
import { responseVerdict } from './response-verdict';
import { serializeWebhookBody } from './webhook-body';
import type { WebhookSender } from './webhook-sender';

export const DELIVERY_ERROR_CODES = {
  endpointGone: 'ENDPOINT_GONE',
  endpointDisabled: 'ENDPOINT_DISABLED',
  noEndpoint: 'NO_ENDPOINT',
  stateUnavailable: 'ENDPOINT_STATE_UNAVAILABLE',
  deliveryFailed: 'DELIVERY_FAILED',
} as const;

export interface HttpWriteAdapterDeps {
  readonly endpoints: readonly EndpointConfig[];
  readonly state: Pick<EndpointStateStore, 'state' | 'disable'>;
  readonly sender: Pick<WebhookSender, 'send'>;
  readonly gauge: EndpointGauge;
  readonly clock: Clock;
  readonly logger: Logger;
}

export class HttpWriteAdapter implements WriteAdapter {
  readonly writes: readonly EntityType[];

  constructor(private readonly deps: HttpWriteAdapterDeps) {
    this.writes = [...new Set(deps.endpoints.flatMap((endpoint) => endpoint.entityTypes))];
  }

  async apply(event: AnyCanonicalEvent, context: WriteContext): Promise<WriteResult> {
    const endpoints = this.deps.endpoints.filter((e) => e.entityTypes.includes(event.entityType));
    if (endpoints.length === 0)
      throw new PermanentError(
        DELIVERY_ERROR_CODES.noEndpoint,
        `No endpoint in HTTP_CONNECTOR_ENDPOINTS takes ${event.entityType} events.`,
      );
    await this.deliverTo(endpoints, serializeWebhookBody(event), context);
    return { targetReference: null };
  }

  /**
   * Signs and POSTs one body to each endpoint in order (change requests use it too). Stops
   * at the first failure: the retry delivers to every endpoint again, and the ones that
   * already have it deduplicate on webhook-id.
   */
  async deliverTo(
    endpoints: readonly EndpointConfig[],
    body: string,
    context: Pick<WriteContext, 'correlationId' | 'signal'>,
  ): Promise<void> {
    for (const endpoint of endpoints) await this.deliver(endpoint, body, context);
  }

  /**
   * Always "none": the receiver deduplicates on webhook-id (= the correlation id, the same
   * on every retry), so sending again after an in-doubt failure cannot create a second
   * document, and a plain HTTP endpoint offers no way to look a delivery up.
   */
  findPriorWrite(): Promise<WriteResult | undefined> {
    return Promise.resolve(undefined);
  }

  private async deliver(
    endpoint: EndpointConfig,
    body: string,
    context: Pick<WriteContext, 'correlationId' | 'signal'>,
  ): Promise<void> {
    await this.refuseIfDisabled(endpoint);
    const response = await this.deps.sender
      .send(endpoint, context.correlationId, body, context.signal)
      .catch((error: unknown) => {
        throw sendFailure(endpoint, error);
      });
    const verdict = responseVerdict(response.status, response.headers, this.deps.clock);
    if (verdict.kind === 'delivered') return;
    const excerpt = response.excerpt === '' ? '' : `: ${response.excerpt}`;
    if (verdict.kind === 'gone') {
      await this.disable(endpoint, `HTTP 410 Gone${excerpt}`);
      throw new TransientError(
        DELIVERY_ERROR_CODES.endpointGone,
        `Endpoint ${endpoint.id} answered 410 Gone and is now disabled; the event waits for POST /endpoints/${endpoint.id}/enable.`,
        { httpStatus: 410 },
      );
    }
    throw withEndpoint(endpoint, verdict.error, excerpt);
  }

  private async refuseIfDisabled(endpoint: EndpointConfig): Promise<void> {
    const state = await this.deps.state.state(endpoint.id).catch((error: unknown) => {
      throw new TransientError(
        DELIVERY_ERROR_CODES.stateUnavailable,
        `Could not read the state of endpoint ${endpoint.id} from Postgres: ${errorMessage(error)}`,
        { cause: error },
      );
    });
    this.deps.gauge.set(endpoint.id, state.disabled !== undefined);
    if (state.disabled === undefined) return;
    throw new TransientError(
      DELIVERY_ERROR_CODES.endpointDisabled,
      `Endpoint ${endpoint.id} is disabled since ${new Date(state.disabled.disabledAt).toISOString()} (${state.disabled.reason}); enable it with POST /endpoints/${endpoint.id}/enable.`,
    );
  }

  private async disable(endpoint: EndpointConfig, reason: string): Promise<void> {
    this.deps.logger.warn({ endpoint: endpoint.id }, 'endpoint answered 410 Gone; disabling it');
    await this.deps.state
      .disable(endpoint.id, this.deps.clock.now(), { reason, httpStatus: 410 })
      .catch((error: unknown) => {
        throw new TransientError(
          DELIVERY_ERROR_CODES.stateUnavailable,
          `Endpoint ${endpoint.id} answered 410 Gone but could not be disabled in Postgres: ${errorMessage(error)}`,
          { cause: error, httpStatus: 410 },
        );
      });
    this.deps.gauge.set(endpoint.id, true);
  }
}

/** The same failure, its message naming the endpoint and what it answered. */
function withEndpoint(endpoint: EndpointConfig, error: HubError, excerpt: string): HubError {
  const message = `Endpoint ${endpoint.id}: ${error.message}${excerpt}`;
  const options = {
    cause: error,
    ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
  };
  if (error instanceof TransientError)
    return new TransientError(error.code, message, {
      ...options,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    });
  return new PermanentError(error.code, message, options);
}

/** No answer at all: network failures and timeouts are transient; anything else (bad TLS certificate, invalid URL) needs a human. */
function sendFailure(endpoint: EndpointConfig, error: unknown): HubError {
  const network = classifyNetworkError(error);
  if (network !== undefined) return withEndpoint(endpoint, network, '');
  // fetch reports "fetch failed" and keeps the reason in `cause`.
  const cause =
    typeof error === 'object' && error !== null && 'cause' in error && error.cause !== undefined
      ? `: ${errorMessage(error.cause)}`
      : '';
  return new PermanentError(
    DELIVERY_ERROR_CODES.deliveryFailed,
    `Endpoint ${endpoint.id}: ${errorMessage(error)}${cause}`,
    { cause: error },
  );
}
