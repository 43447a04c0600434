/**
 * The messages a change request leaves behind carry its trace: with tracing on, the retry
 * and the outcome name the connector's consumer span (a child in the trace the request
 * arrived with), as a canonical event's do; and every verdict is counted.
 */
import { DeliveryRecords } from '@hub/connector-runtime';
import {
  buildEnvelope,
  changeRequestTarget,
  systemEventIdentity,
  type ChangeRequestEvent,
} from '@hub/contracts';
import { hubHeaderNames, type OutgoingMessage } from '@hub/messaging';
import {
  createLogger,
  createMetrics,
  createRegistry,
  inConsumerSpan,
  traceIdOf,
  traceparentOfSpan,
} from '@hub/observability';
import { startInMemoryTracing, type Tracing } from '@hub/observability/src/tracing/tracing';
import { TransientError } from '@hub/resilience';
import { ChangeRequestDeliverer, type ChangeRequestDelivery } from './change-request-delivery';
import { changeRequestTopics } from './change-request-topics';

const SYSTEM = 'wms';
const TARGET = changeRequestTarget(SYSTEM);
const INCOMING = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

let tracing: Tracing;
beforeAll(() => {
  ({ tracing } = startInMemoryTracing('change-request-spec'));
});
afterAll(() => tracing.shutdown());

function request(): ChangeRequestEvent {
  const envelope = buildEnvelope(
    {
      correlationId: 'odoo:inventory-level:stock.quant/7:1',
      entityType: 'inventory-level',
      entityKey: 'WH-EAST:SKU-1',
      sourceSystem: 'odoo',
      sourceRecordId: 'stock.quant/7',
      sourceVersion: 1_000,
    },
    systemEventIdentity,
  );
  return {
    ...envelope,
    payload: {
      ownerSystem: SYSTEM,
      requestedBy: null,
      reason: 'reverse-direction write from odoo',
      proposedPayloadJson: '{"_model":"stock.quant","_id":7,"quantity":7.0}',
      canonicalProposalJson: '{"quantityOnHand":"7"}',
    },
  };
}

type Deps = ConstructorParameters<typeof ChangeRequestDeliverer>[0];

/** The owner's ledger holding `quantityOnHand` for the request's key. */
function ownerHas(quantityOnHand: string): Deps['ledger'] {
  const row = {
    entityType: 'inventory-level',
    entityKey: 'WH-EAST:SKU-1',
    sourceSystem: SYSTEM,
    sourceRecordId: 'count/1',
    sourceVersion: 500,
    arrivalOrder: 1,
    correlationId: 'c1-owner',
    payload: { sku: 'SKU-1', warehouse: 'WH-EAST', quantityOnHand, unitOfMeasure: 'PCS' },
    updatedAt: 600,
  };
  return { entries: () => Promise.resolve(new Map([[row.entityKey, row]])) };
}

function deliverer(fail: boolean, overrides: Partial<Pick<Deps, 'ledger' | 'store'>> = {}) {
  const calls: string[] = [];
  const sent: OutgoingMessage[] = [];
  const registry = createRegistry();
  const metrics = createMetrics(registry);
  const topics = changeRequestTopics(SYSTEM);
  const it = new ChangeRequestDeliverer({
    system: SYSTEM,
    target: TARGET,
    endpoints: [],
    http: {
      deliverTo: () => {
        calls.push('POST');
        return fail
          ? Promise.reject(new TransientError('HTTP_SERVER_ERROR', '503'))
          : Promise.resolve();
      },
    },
    store:
      overrides.store ??
      ({
        begin: () => Promise.resolve({ kind: 'proceed' }),
        complete: () => Promise.resolve(),
        fail: () => Promise.resolve(),
        release: () => Promise.resolve(),
        reopen: () => Promise.resolve(false),
      } as unknown as Deps['store']),
    ledger: overrides.ledger ?? { entries: () => Promise.resolve(new Map()) },
    requesterRecords: { ownerKeyOf: () => Promise.resolve(undefined) },
    records: new DeliveryRecords(
      TARGET,
      { encode: (_subject, value) => Buffer.from(JSON.stringify(value)) },
      systemEventIdentity,
      topics,
    ),
    sender: {
      send: (messages) => {
        sent.push(...messages);
        return Promise.resolve();
      },
    },
    clock: { now: () => 2_000 },
    leaseOwner: 'unit',
    leaseMs: 30_000,
    logger: createLogger({ service: 'unit', level: 'silent' }),
    metrics,
  });
  return { deliverer: it, sent, topics, registry, calls };
}

function delivery(event: ChangeRequestEvent): ChangeRequestDelivery {
  return {
    event,
    message: {
      key: event.entityKey,
      value: Buffer.from('request bytes'),
      rawHeaders: { [hubHeaderNames.traceparent]: INCOMING },
    },
    consumedFrom: { topic: 'hub.change-request.v1', partition: 0, offset: '7' },
    retry: undefined,
  };
}

describe('a change request in its trace', () => {
  it("sends its retry and outcome with the consumer span's traceparent, in the request's trace", async () => {
    const { deliverer: under, sent, topics } = deliverer(true);
    let span = '';
    const verdict = await inConsumerSpan(
      'connector.change-request',
      { traceparent: INCOMING },
      (consumer) => {
        span = traceparentOfSpan(consumer) ?? '';
        return under.deliver(delivery(request()), new AbortController().signal);
      },
    );

    expect(verdict).toBe('retry');
    expect(traceIdOf(span)).toBe(traceIdOf(INCOMING));
    expect(span).not.toBe(INCOMING);
    expect(sent.map((m) => [m.topic, m.headers?.[hubHeaderNames.traceparent]])).toEqual([
      [topics.retry, span],
      [topics.deliveryOutcome, span],
    ]);
  });

  it('counts each verdict in hub_change_requests_total', async () => {
    const failing = deliverer(true);
    await failing.deliverer.deliver(delivery(request()), new AbortController().signal);
    const ok = deliverer(false);
    await ok.deliverer.deliver(delivery(request()), new AbortController().signal);
    await ok.deliverer.deliver(
      delivery({ ...request(), payload: { ...request().payload, ownerSystem: 'other' } }),
      new AbortController().signal,
    );

    expect(await failing.registry.getSingleMetricAsString('hub_change_requests_total')).toContain(
      `hub_change_requests_total{target="${TARGET}",outcome="retry"} 1`,
    );
    const counted = await ok.registry.getSingleMetricAsString('hub_change_requests_total');
    expect(counted).toContain(
      `hub_change_requests_total{target="${TARGET}",outcome="delivered"} 1`,
    );
    expect(counted).toContain(`hub_change_requests_total{target="${TARGET}",outcome="not-ours"} 1`);
  });
});

describe("a change request proposing the owner's current value", () => {
  /** The outcome kinds and targetCalled of what was sent, as the outcome topic would hold them. */
  const outcomesOf = (sent: readonly OutgoingMessage[]) =>
    sent.map((m) => {
      const { payload } = JSON.parse(String(m.value)) as {
        payload: { outcome: string; targetCalled: boolean };
      };
      return [m.topic, payload.outcome, payload.targetCalled];
    });

  it('is not sent: outcome no_change, the target not called, and a redelivery answers it again', async () => {
    const results: unknown[] = [];
    const store = {
      begin: () =>
        Promise.resolve(
          results.length === 0
            ? { kind: 'proceed' }
            : { kind: 'already-done', result: results[results.length - 1] },
        ),
      complete: (_t: string, _c: string, _o: string, result: unknown) => {
        results.push(result);
        return Promise.resolve();
      },
      fail: () => Promise.resolve(),
      release: () => Promise.resolve(),
      reopen: () => Promise.resolve(false),
    } as unknown as Deps['store'];
    const owner = deliverer(false, { ledger: ownerHas('7.000'), store });
    const signal = new AbortController().signal;

    const first = await owner.deliverer.deliver(delivery(request()), signal);
    const again = await owner.deliverer.deliver(delivery(request()), signal);

    expect([first, again]).toEqual(['no-change', 'duplicate']);
    expect(owner.calls).toEqual([]);
    expect(outcomesOf(owner.sent)).toEqual([
      [owner.topics.deliveryOutcome, 'no_change', false],
      [owner.topics.deliveryOutcome, 'no_change', false],
    ]);
  });

  it('compares the canonical proposal only: without one it is delivered, whatever the notification says', async () => {
    const owner = deliverer(false, { ledger: ownerHas('7') });
    const notificationOnly = {
      ...request(),
      payload: { ...request().payload, canonicalProposalJson: null },
    };

    expect(
      await owner.deliverer.deliver(delivery(notificationOnly), new AbortController().signal),
    ).toBe('delivered');
    expect(owner.calls).toEqual(['POST']);
    expect(outcomesOf(owner.sent)).toEqual([[owner.topics.deliveryOutcome, 'succeeded', true]]);
  });
});
