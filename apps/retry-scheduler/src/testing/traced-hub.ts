/**
 * For the tracing tests: the real connector runtime (a scripted fake target) and the real
 * retry scheduler in one process on the local stack, spans kept in memory. The test plays
 * the ingress (a webhook span and a producer span whose traceparent the event carries) and
 * the DLQ reviewer (an operator retry built from the dead-letter record, as it does).
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
import { canonicalTopics, createEvent, systemEventIdentity, valueSubject } from '@hub/contracts';
import {
  createKafkaClient,
  createProducer,
  createSchemaRegistrySerde,
  encodeHubHeaders,
  type OutgoingMessage,
  type Producer,
} from '@hub/messaging';
import {
  SpanKind,
  captureLogLines,
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
import { TopicCollector, createTestSchema, testEndpoints, uniqueName } from '@hub/testing';
import { schedulerDeployment } from './scheduler-harness';

/** Per entity key, the errors its next writes throw; then writes succeed. */
export class ScriptedTarget implements WriteAdapter {
  readonly writes = ['inventory-level'] as const;
  readonly applied = new Map<string, number>();
  private readonly failures = new Map<string, Error[]>();

  failNext(entityKey: string, ...errors: Error[]): void {
    this.failures.set(entityKey, errors);
  }

  apply(event: AnyCanonicalEvent): Promise<WriteResult> {
    this.applied.set(event.entityKey, (this.applied.get(event.entityKey) ?? 0) + 1);
    const failure = this.failures.get(event.entityKey)?.shift();
    if (failure !== undefined) return Promise.reject(failure);
    return Promise.resolve({ targetReference: `DOC-${event.entityKey}` });
  }

  findPriorWrite(): Promise<WriteResult | undefined> {
    return Promise.resolve(undefined);
  }
}

export function inventoryEvent(source: string, sku: string): AnyCanonicalEvent {
  return createEvent(
    'inventory-level',
    {
      sourceSystem: source,
      sourceRecordId: `${sku}@1000`,
      sourceVersion: 1_000,
      payload: { sku, warehouse: 'WH1', quantityOnHand: '7', unitOfMeasure: 'PCS', asOf: 1_000 },
    },
    systemEventIdentity,
  );
}

/** "child <- parent" per span; ERP calls with their operation and whether they failed. */
export function edges(spans: readonly ReadableSpan[]): string[] {
  const nameOf = new Map(spans.map((span) => [span.spanContext().spanId, span.name]));
  return spans
    .map((span) => {
      const parentId = span.parentSpanContext?.spanId;
      const parent = parentId === undefined ? '(root)' : (nameOf.get(parentId) ?? '(elsewhere)');
      const failed = span.status.code === SpanStatusCode.ERROR ? 'failed' : 'ok';
      const operation = String(span.attributes['hub.operation']);
      const name = span.name === 'erp.call' ? `erp.call ${operation} ${failed}` : span.name;
      return `${name} <- ${parent}`;
    })
    .sort();
}

export class TracedHub {
  readonly exporter = new InMemorySpanExporter();
  readonly target = new ScriptedTarget();
  readonly system = uniqueName('traced');
  readonly source = uniqueName('traced-wms');
  readonly topics = {
    canonical: uniqueName('traced-inventory'),
    outcome: uniqueName('traced-outcome'),
    deadLetter: uniqueName('traced-dlq'),
  };
  /** The connector's warn and error lines. */
  readonly connectorLog = captureLogLines();
  readonly serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
  private readonly kafka = createKafkaClient({
    brokers: [testEndpoints().kafkaBrokers],
    clientId: uniqueName('traced'),
    logger: createLogger({ service: 'traced', level: 'silent' }),
  });
  private readonly closers: (() => Promise<void>)[] = [];
  private producer: Producer | undefined;

  /** Tracing, the scheduler, the connector; collectors on the outcome and dead-letter topics. */
  async start(): Promise<{ outcomes: TopicCollector; deadLetters: TopicCollector }> {
    const tracing: Tracing = startTracing({
      serviceName: 'traced-hub',
      spanProcessor: new SimpleSpanProcessor(this.exporter),
      instrument: false,
    });
    this.closers.push(() => tracing.shutdown());
    const deployment = await schedulerDeployment([{ id: this.system }], {
      RETRY_SCHEDULE: '30s,2m',
      RETRY_TIME_SCALE: '0.001',
      RETRY_MAX_AGE: '1h',
    });
    this.closers.push(() => deployment.drop());
    const scheduler = await deployment.start();
    this.closers.push(() => scheduler.stop());
    const runtime = await this.startConnector();
    this.closers.push(() => runtime.stop());
    const outcomes = await TopicCollector.start(this.topics.outcome);
    const deadLetters = await TopicCollector.start(this.topics.deadLetter);
    this.closers.push(
      () => outcomes.stop(),
      () => deadLetters.stop(),
    );
    this.producer = createProducer(this.kafka);
    await this.producer.connect();
    const producer = this.producer;
    this.closers.push(() => producer.disconnect());
    return { outcomes, deadLetters };
  }

  private async startConnector(): Promise<ConnectorRuntime> {
    const schema = await createTestSchema('traced');
    this.closers.push(() => schema.drop());
    const settings = defineConfig({ connector: connectorRuntimeSettings }).load({
      CONNECTOR_SYSTEM_ID: this.system,
      CONNECTOR_SWEEP_MODE: 'off',
      CONNECTOR_LEASE: '2s',
    });
    const runtime = createConnectorRuntime({
      system: this.system,
      write: this.target,
      policy: parsePolicy({
        systems: [
          { id: this.system, kind: 'odoo' },
          { id: this.source, kind: 'wms' },
        ],
        entityTypes: [
          { type: 'inventory-level', owner: this.source, receivers: [this.system] },
          { type: 'goods-receipt', owner: this.source, receivers: [] },
          { type: 'purchase-order', owner: this.system, receivers: [] },
        ],
      }),
      kafka: this.kafka,
      serde: this.serde,
      database: { url: schema.databaseUrl, schema: schema.schema },
      settings: settings.connector,
      logger: createLogger({
        service: 'traced',
        level: 'warn',
        destination: this.connectorLog.destination,
      }),
      metrics: createMetrics(createRegistry()),
      identity: systemEventIdentity,
      topics: {
        canonical: { 'inventory-level': this.topics.canonical },
        deliveryOutcome: this.topics.outcome,
        deadLetter: this.topics.deadLetter,
      },
      ensureTopics: { partitions: 3, replicationFactor: 1 },
    });
    await runtime.start();
    return runtime;
  }

  /** As the ingress: a webhook span, a publish span, the event carrying its traceparent. */
  async publishAsTheIngress(event: AnyCanonicalEvent): Promise<string | undefined> {
    const webhook = startHubSpan('test.webhook', { kind: SpanKind.SERVER });
    try {
      return await context.with(webhook.context, () =>
        inSpan('ingress.publish', { kind: SpanKind.PRODUCER }, async (span) => {
          const traceparent = traceparentOfSpan(span);
          await this.send({
            topic: this.topics.canonical,
            key: event.entityKey,
            value: this.serde.encode(valueSubject(canonicalTopics['inventory-level']), event),
            headers: encodeHubHeaders({ ...event, ...(traceparent ? { traceparent } : {}) }),
          });
          return traceIdOf(traceparent);
        }),
      );
    } finally {
      webhook.span.end();
    }
  }

  async send(message: OutgoingMessage): Promise<void> {
    await this.producer?.send([message]);
  }

  spansOf(traceId: string | undefined): ReadableSpan[] {
    return this.exporter
      .getFinishedSpans()
      .filter((span) => span.spanContext().traceId === traceId);
  }

  async close(): Promise<void> {
    for (const close of this.closers.reverse()) await close();
  }
}
