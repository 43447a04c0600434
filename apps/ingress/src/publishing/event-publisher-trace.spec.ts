/**
 * The ingress is the first hop of an event's trace: each publish is a producer span, child
 * of the request's span (the HTTP server span when tracing is on), and the message carries
 * that span's traceparent. A fake producer stands in for Kafka.
 */
import { context } from '@opentelemetry/api';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { OutgoingMessage, Producer, SchemaRegistrySerde } from '@hub/messaging';
import { SpanKind, startHubSpan, traceIdOf } from '@hub/observability';
import { startInMemoryTracing, type Tracing } from '@hub/observability/src/tracing/tracing';
import { EventPublisher, type PublishableEvent } from './event-publisher';

const sent: OutgoingMessage[] = [];
const producer: Producer = {
  connect: () => Promise.resolve(),
  send: (messages) => {
    sent.push(...messages);
    return Promise.resolve();
  },
  disconnect: () => Promise.resolve(),
};
const serde = { encode: () => Buffer.from('v') } as unknown as SchemaRegistrySerde;
const event: PublishableEvent = {
  correlationId: 'wms:inventory-level:WH1:SKU-1:1000',
  sourceSystem: 'wms',
  entityType: 'inventory-level',
  entityKey: 'WH1:SKU-1',
  sourceVersion: 1_000,
  eventId: 'evt-1',
};

async function connectedPublisher(): Promise<EventPublisher> {
  const publisher = new EventPublisher(producer, serde, {
    probe: () => Promise.resolve(true),
    onConnectError: () => undefined,
  });
  publisher.start();
  for (let tries = 0; !publisher.connected && tries < 100; tries += 1)
    await new Promise((resolve) => setTimeout(resolve, 5));
  return publisher;
}

const traceparentSent = (): string | undefined =>
  (sent.at(-1)?.headers as Record<string, string> | undefined)?.['traceparent'];

describe('ingress publish, tracing off', () => {
  it('writes no traceparent when no trace arrived', async () => {
    const publisher = await connectedPublisher();
    await publisher.publishEvent('erp.inventory-level.v1', event);
    await publisher.close();
    expect(sent.at(-1)?.headers).toMatchObject({ 'hub-event-id': 'evt-1' });
    expect(traceparentSent()).toBeUndefined();
  });
});

describe('ingress publish, tracing on', () => {
  let exporter: InMemorySpanExporter;
  let tracing: Tracing;
  beforeAll(() => {
    ({ exporter, tracing } = startInMemoryTracing('ingress-spec'));
  });
  afterAll(() => tracing.shutdown());

  it('publishes under a producer span, child of the webhook span, whose traceparent the message carries', async () => {
    const publisher = await connectedPublisher();
    const webhook = startHubSpan('POST /webhooks/wms', { kind: SpanKind.SERVER });
    await context.with(webhook.context, () =>
      publisher.publishEvent('erp.inventory-level.v1', event),
    );
    webhook.span.end();
    await publisher.close();

    const publish = exporter.getFinishedSpans().find((span) => span.name === 'ingress.publish');
    expect(publish?.parentSpanContext?.spanId).toBe(webhook.span.spanContext().spanId);
    expect(publish?.attributes).toMatchObject({
      'messaging.destination.name': 'erp.inventory-level.v1',
      'hub.correlation_id': event.correlationId,
    });
    expect(traceparentSent()).toBe(
      `00-${webhook.span.spanContext().traceId}-${String(publish?.spanContext().spanId)}-01`,
    );
    expect(traceIdOf(traceparentSent())).toBe(webhook.span.spanContext().traceId);
  });
});
