import { createEvent, systemEventIdentity } from '@hub/contracts';
import { NETWORK_ERROR_CODES, PermanentError, TransientError } from '@hub/resilience';
import { createLogger } from '@hub/observability';
import type { EndpointConfig } from '../app/endpoints-setting';
import type { DisabledState, EndpointState } from '../endpoint-state/endpoint-state-store';
import { purchaseOrderEvent } from '../testing/purchase-orders';
import { DELIVERY_ERROR_CODES, HttpWriteAdapter } from './http-write-adapter';
import type { SentResponse } from './webhook-sender';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NOW = Date.parse('2026-11-27T04:00:00Z');

function endpoint(
  id: string,
  entityTypes: EndpointConfig['entityTypes'] = ['purchase-order'],
): EndpointConfig {
  return { id, url: `https://wms.example/${id}`, secrets: [SECRET], timeoutMs: 1_000, entityTypes };
}

class MemoryStates {
  readonly disabled = new Map<string, DisabledState>();

  state(endpointId: string): Promise<EndpointState> {
    return Promise.resolve({
      endpointId,
      disabled: this.disabled.get(endpointId),
      enabledAt: undefined,
    });
  }

  disable(endpointId: string, at: number, state: Omit<DisabledState, 'disabledAt'>): Promise<void> {
    if (!this.disabled.has(endpointId)) this.disabled.set(endpointId, { disabledAt: at, ...state });
    return Promise.resolve();
  }
}

type Answer = SentResponse | Error | DOMException;

function setup(endpoints: EndpointConfig[], answers: Answer[]) {
  const states = new MemoryStates();
  const sent: { endpointId: string; webhookId: string; body: string }[] = [];
  const gauge = new Map<string, boolean>();
  const adapter = new HttpWriteAdapter({
    endpoints,
    state: states,
    gauge: { set: (endpointId, disabled) => gauge.set(endpointId, disabled) },
    sender: {
      send: (target, webhookId, body) => {
        sent.push({ endpointId: target.id, webhookId, body });
        const answer = answers.shift() ?? response(200);
        // DOMException comes from another realm than jest's Error, so no instanceof here.
        return 'status' in answer ? Promise.resolve(answer) : Promise.reject(answer);
      },
    },
    clock: { now: () => NOW },
    logger: createLogger({ service: 'test', level: 'silent' }),
  });
  return { adapter, states, sent, gauge };
}

function response(
  status: number,
  headers: Record<string, string> = {},
  excerpt = '',
): SentResponse {
  return { status, headers: new Headers(headers), excerpt };
}

const event = purchaseOrderEvent('PO-1');
const context = () => ({
  correlationId: event.correlationId,
  attempt: 1,
  signal: new AbortController().signal,
});

async function failureOf(promise: Promise<unknown>): Promise<TransientError | PermanentError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TransientError || error instanceof PermanentError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('HttpWriteAdapter', () => {
  it('writes the entity types its endpoints take', () => {
    const { adapter } = setup(
      [endpoint('a'), endpoint('b', ['goods-receipt', 'purchase-order'])],
      [],
    );
    expect(adapter.writes).toEqual(['purchase-order', 'goods-receipt']);
  });

  it('delivers to every endpoint of the type with webhook-id = correlation id', async () => {
    const { adapter, sent } = setup(
      [endpoint('a'), endpoint('b'), endpoint('c', ['inventory-level'])],
      [response(200), response(202)],
    );
    await expect(adapter.apply(event, context())).resolves.toEqual({ targetReference: null });
    expect(sent.map((s) => [s.endpointId, s.webhookId])).toEqual([
      ['a', event.correlationId],
      ['b', event.correlationId],
    ]);
    expect(JSON.parse(sent[0]?.body ?? '')).toMatchObject({ type: 'purchase-order.confirmed' });
  });

  it('refuses, permanently, an event no endpoint takes', async () => {
    const level = createEvent(
      'inventory-level',
      {
        sourceSystem: 'wms',
        sourceRecordId: 'WH-EAST:SKU-1',
        sourceVersion: NOW,
        payload: {
          sku: 'SKU-1',
          warehouse: 'WH-EAST',
          quantityOnHand: '1',
          unitOfMeasure: 'PCS',
          asOf: NOW,
        },
      },
      systemEventIdentity,
    );
    const { adapter, sent } = setup([endpoint('a')], []);
    const error = await failureOf(adapter.apply(level, context()));
    expect(error.code).toBe(DELIVERY_ERROR_CODES.noEndpoint);
    expect(error.retriable).toBe(false);
    expect(sent).toHaveLength(0);
  });

  it('never finds a prior write: the receiver deduplicates on webhook-id', async () => {
    const { adapter } = setup([endpoint('a')], []);
    await expect(adapter.findPriorWrite()).resolves.toBeUndefined();
  });

  it('503 with Retry-After is transient with retryAfterMs and names the endpoint', async () => {
    const { adapter } = setup([endpoint('a')], [response(503, { 'retry-after': '3' }, 'down')]);
    const error = await failureOf(adapter.apply(event, context()));
    expect(error).toBeInstanceOf(TransientError);
    expect(error.code).toBe('HTTP_SERVER_ERROR');
    expect(error.httpStatus).toBe(503);
    expect(error instanceof TransientError && error.retryAfterMs).toBe(3_000);
    expect(error.message).toBe('Endpoint a: HTTP 503 (retry after 3000 ms): down');
  });

  it('400 is permanent', async () => {
    const { adapter } = setup([endpoint('a')], [response(400, {}, 'unknown supplier')]);
    const error = await failureOf(adapter.apply(event, context()));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.httpStatus).toBe(400);
    expect(error.message).toContain('unknown supplier');
  });

  it('stops at the first failing endpoint', async () => {
    const { adapter, sent } = setup([endpoint('a'), endpoint('b')], [response(500)]);
    await failureOf(adapter.apply(event, context()));
    expect(sent.map((s) => s.endpointId)).toEqual(['a']);
  });

  it('a network failure is transient', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    const { adapter } = setup([endpoint('a')], [new TypeError('fetch failed', { cause: refused })]);
    const error = await failureOf(adapter.apply(event, context()));
    expect(error).toBeInstanceOf(TransientError);
    expect(error.code).toBe(NETWORK_ERROR_CODES.connectionRefused);
  });

  it('a timeout is transient', async () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const { adapter } = setup([endpoint('a')], [timeout]);
    const error = await failureOf(adapter.apply(event, context()));
    expect(error.code).toBe(NETWORK_ERROR_CODES.timeout);
    expect(error.retriable).toBe(true);
  });

  it('any other send failure is permanent, with its cause in the message', async () => {
    const bad = new TypeError('fetch failed', { cause: new Error('certificate has expired') });
    const { adapter } = setup([endpoint('a')], [bad]);
    const error = await failureOf(adapter.apply(event, context()));
    expect(error.code).toBe(DELIVERY_ERROR_CODES.deliveryFailed);
    expect(error.message).toBe('Endpoint a: fetch failed: certificate has expired');
  });

  it('410 disables the endpoint; later deliveries fail transient without a request', async () => {
    const { adapter, states, sent, gauge } = setup([endpoint('a')], [response(410)]);
    const gone = await failureOf(adapter.apply(event, context()));
    expect(gone).toBeInstanceOf(TransientError);
    expect(gone.code).toBe(DELIVERY_ERROR_CODES.endpointGone);
    expect(gone.httpStatus).toBe(410);
    expect(states.disabled.get('a')).toEqual({
      disabledAt: NOW,
      reason: 'HTTP 410 Gone',
      httpStatus: 410,
    });
    expect(gauge.get('a')).toBe(true);

    const waiting = await failureOf(adapter.apply(event, context()));
    expect(waiting).toBeInstanceOf(TransientError);
    expect(waiting.code).toBe(DELIVERY_ERROR_CODES.endpointDisabled);
    expect(waiting.message).toContain('POST /endpoints/a/enable');
    expect(sent).toHaveLength(1);

    states.disabled.delete('a');
    await expect(adapter.apply(event, context())).resolves.toEqual({ targetReference: null });
    expect(sent).toHaveLength(2);
    expect(gauge.get('a')).toBe(false);
  });

  it('a state store outage is transient', async () => {
    const { adapter, states } = setup([endpoint('a')], []);
    states.state = () => Promise.reject(new Error('connection terminated'));
    const error = await failureOf(adapter.apply(event, context()));
    expect(error.code).toBe(DELIVERY_ERROR_CODES.stateUnavailable);
    expect(error.retriable).toBe(true);
  });
});
