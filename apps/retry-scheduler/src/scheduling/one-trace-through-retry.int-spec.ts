/**
 * Issue #21: one event, one trace. The real connector runtime (fake target that fails the
 * first write) and the real retry scheduler in one process, on the real Kafka, registry and
 * Postgres, with spans in memory. The test plays the ingress's part: a webhook span and a
 * producer span whose traceparent the canonical event carries (the ingress's own publish
 * is covered by apps/ingress). Asserted: every span has the event's trace id, and each hop
 * is the child of the hop before it.
 */
import { SpanStatusCode, context } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import {
  connectorRuntimeSettings,
  createConnectorRuntime,
  type AnyCanonicalEvent,
  type ConnectorRuntime,
  type WriteAdapter,
  type WriteResult,
} from '@hub/connector-runtime';
import { defineConfig } from '@hub/config';
import { createEvent, systemEventIdentity, valueSubject, canonicalTopics } from '@hub/contracts';
import {
  createKafkaClient,
  createProducer,
  createSchemaRegistrySerde,
  encodeHubHeaders,
  type Producer,
} from '@hub/messaging';
import {
  SpanKind,
  createLogger,
  createMetrics,
  createRegistry,
  inSpan,
  startHubSpan,
  traceIdOf,
  traceparentOfSpan,
} from '@hub/observability';
import { startTracing, type Tracing } from '@hub/observability/src/tracing/tracing';
import { parsePolicy } from '@hub/ownership';
import { TransientError } from '@hub/resilience';
import {
  TopicCollector,
  createTestSchema,
  eventually,
  testEndpoints,
  uniqueName,
  type TestSchema,
} from '@hub/testing';
import {
  schedulerDeployment,
  type RunningScheduler,
  type SchedulerDeployment,
} from '../testing/scheduler-harness';

/** A target whose first write fails transiently and whose later writes succeed. */
class FlakyTarget implements WriteAdapter {
  readonly writes = ['inventory-level'] as const;
  applied = 0;
  apply(): Promise<WriteResult> {
    this.applied += 1;
    if (this.applied === 1)
      return Promise.reject(new TransientError('HTTP_SERVER_ERROR', 'target answered 503'));
    return Promise.resolve({ targetReference: `DOC-${String(this.applied)}` });
  }
  findPriorWrite(): Promise<WriteResult | undefined> {
    return Promise.resolve(undefined);
  }
}

const settings = defineConfig({ connector: connectorRuntimeSettings });
const exporter = new InMemorySpanExporter();
const system = uniqueName('traced');
const source = uniqueName('traced-wms');
const target = new FlakyTarget();
const canonicalTopic = uniqueName('traced-inventory');
const outcomeTopic = uniqueName('traced-outcome');
const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
const kafka = createKafkaClient({
  brokers: [testEndpoints().kafkaBrokers],
  clientId: uniqueName('traced'),
  logger: createLogger({ service: 'traced', level: 'silent' }),
});
let tracing: Tracing;
let deployment: SchedulerDeployment;
let scheduler: RunningScheduler;
let schema: TestSchema;
let runtime: ConnectorRuntime;
let producer: Producer;
let outcomes: TopicCollector;

beforeAll(async () => {
  tracing = startTracing({
    serviceName: 'one-trace-test',
    spanProcessor: new SimpleSpanProcessor(exporter),
    instrument: false,
  });
  deployment = await schedulerDeployment([{ id: system }], {
    RETRY_SCHEDULE: '30s,2m',
    RETRY_TIME_SCALE: '0.001',
    RETRY_MAX_AGE: '1h',
  });
  scheduler = await deployment.start();
  schema = await createTestSchema('traced');
  runtime = createConnectorRuntime({
    system,
    write: target,
    policy: parsePolicy({
      systems: [
        { id: system, kind: 'odoo' },
        { id: source, kind: 'wms' },
      ],
      entityTypes: [
        { type: 'inventory-level', owner: source, receivers: [system] },
        { type: 'goods-receipt', owner: source, receivers: [] },
        { type: 'purchase-order', owner: system, receivers: [] },
      ],
    }),
    kafka,
    serde,
    database: { url: schema.databaseUrl, schema: schema.schema },
    settings: settings.load({
      CONNECTOR_SYSTEM_ID: system,
      CONNECTOR_SWEEP_MODE: 'off',
      CONNECTOR_LEASE: '2s',
    }).connector,
    logger: createLogger({ service: 'traced', level: 'silent' }),
    metrics: createMetrics(createRegistry()),
    identity: systemEventIdentity,
    topics: {
      canonical: { 'inventory-level': canonicalTopic },
      deliveryOutcome: outcomeTopic,
      deadLetter: uniqueName('traced-dlq'),
    },
    ensureTopics: { partitions: 3, replicationFactor: 1 },
  });
  await runtime.start();
  outcomes = await TopicCollector.start(outcomeTopic);
  producer = createProducer(kafka);
  await producer.connect();
}, 60_000);

afterAll(async () => {
  await producer.disconnect();
  await outcomes.stop();
  await runtime.stop();
  await scheduler.stop();
  await deployment.drop();
  await schema.drop();
  await tracing.shutdown();
});

/** The event as the ingress publishes it: a webhook span, a producer span, its traceparent. */
async function publishAsTheIngress(event: AnyCanonicalEvent): Promise<string | undefined> {
  const webhook = startHubSpan('test.webhook', { kind: SpanKind.SERVER });
  try {
    return await context.with(webhook.context, () =>
      inSpan('ingress.publish', { kind: SpanKind.PRODUCER }, async (span) => {
        const traceparent = traceparentOfSpan(span);
        await producer.send([
          {
            topic: canonicalTopic,
            key: event.entityKey,
            value: serde.encode(valueSubject(canonicalTopics['inventory-level']), event),
            headers: encodeHubHeaders({ ...event, ...(traceparent ? { traceparent } : {}) }),
          },
        ]);
        return traceIdOf(traceparent);
      }),
    );
  } finally {
    webhook.span.end();
  }
}

/** "child <- parent" per span, with the operation and status of ERP calls. */
function edges(spans: readonly ReadableSpan[]): string[] {
  const nameOf = new Map(spans.map((span) => [span.spanContext().spanId, span.name]));
  return spans.map((span) => {
    const parentId = span.parentSpanContext?.spanId;
    const parent = parentId === undefined ? '(root)' : (nameOf.get(parentId) ?? '(elsewhere)');
    const name =
      span.name === 'erp.call'
        ? `erp.call ${String(span.attributes['hub.operation'])} ${span.status.code === SpanStatusCode.ERROR ? 'failed' : 'ok'}`
        : span.name;
    return `${name} <- ${parent}`;
  });
}

describe('tracing (issue #21)', () => {
  it('follows one event through a failed write, the scheduler and the redelivered write as one trace', async () => {
    const event = createEvent(
      'inventory-level',
      {
        sourceSystem: source,
        sourceRecordId: 'SKU-TRACE@1',
        sourceVersion: 1_000,
        payload: {
          sku: 'SKU-TRACE',
          warehouse: 'WH1',
          quantityOnHand: '7',
          unitOfMeasure: 'PCS',
          asOf: 1_000,
        },
      },
      systemEventIdentity,
    ) as AnyCanonicalEvent;

    const traceId = await publishAsTheIngress(event);

    await eventually(
      () => target.applied === 2 && outcomes.messages.length >= 2,
      () => `applied ${String(target.applied)}, outcomes ${String(outcomes.messages.length)}`,
      30_000,
    );
    await eventually(
      () => exporter.getFinishedSpans().some((span) => span.name === 'scheduler.redeliver'),
      () =>
        exporter
          .getFinishedSpans()
          .map((span) => span.name)
          .join(', '),
    );
    const spans = exporter.getFinishedSpans();

    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect([...new Set(spans.map((span) => span.spanContext().traceId))]).toEqual([traceId]);
    expect(
      edges(
        spans.filter(
          (span) => span.name !== 'erp.call' || span.attributes['hub.operation'] === 'apply',
        ),
      ).sort(),
    ).toEqual(
      [
        'test.webhook <- (root)',
        'ingress.publish <- test.webhook',
        'connector.consume <- ingress.publish',
        'erp.call apply failed <- connector.consume',
        'connector.retry <- connector.consume',
        'scheduler.intake <- connector.retry',
        'scheduler.redeliver <- scheduler.intake',
        'connector.consume <- scheduler.redeliver',
        'erp.call apply ok <- connector.consume',
      ].sort(),
    );
    // The outcomes (failed, then succeeded) carry the event's trace as well.
    expect(outcomes.messages.map((message) => traceIdOf(message.headers['traceparent']))).toEqual([
      traceId,
      traceId,
    ]);
  });
});
