/**
 * OpenTelemetry for an app: a tracer provider exporting over OTLP (http/protobuf or
 * http/json) when the standard OTEL_* variables ask for it, and nothing at all otherwise
 * (the API stays a no-op: a hub span costs a few microseconds). The instrumentations
 * patch modules as they are required, which is why apps start this first thing in main.ts.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { traceExporterKinds, type TraceEnv, type TraceExporterKind } from './trace-settings';

export { TracingConfigError, type TraceEnv } from './trace-settings';

export interface TracingOptions {
  /** `service.name` on every span. */
  readonly serviceName: string;
  /** Where OTEL_* settings are read; process.env by default. */
  readonly env?: TraceEnv;
  /** Tests: spans go here (e.g. a SimpleSpanProcessor over an InMemorySpanExporter), tracing on. */
  readonly spanProcessor?: SpanProcessor;
  /** Patch http, undici and pg (default true). */
  readonly instrument?: boolean;
}

export interface Tracing {
  readonly enabled: boolean;
  /** Exports what is buffered. */
  forceFlush(): Promise<void>;
  /** Flushes, stops exporting and unpatches; the API is a no-op again. */
  shutdown(): Promise<void>;
}

/** Probes answer the kubelet and Prometheus every few seconds: no trace is worth that. */
const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

const disabled: Tracing = {
  enabled: false,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

const exporterOf: Record<TraceExporterKind, () => SpanExporter> = {
  'otlp-protobuf': () => new OtlpProtoExporter(),
  'otlp-json': () => new OtlpJsonExporter(),
  console: () => new ConsoleSpanExporter(),
};

/** The exporters the environment asks for (see trace-settings.ts); none means tracing stays off. */
export function tracesExporters(env: TraceEnv): SpanExporter[] {
  return traceExporterKinds(env).map((kind) => exporterOf[kind]());
}

export function startTracing(options: TracingOptions): Tracing {
  const env = options.env ?? process.env;
  const processors =
    options.spanProcessor === undefined
      ? tracesExporters(env).map((exporter) => new BatchSpanProcessor(exporter))
      : [options.spanProcessor];
  if (processors.length === 0) return disabled;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: processors,
  });
  // Global tracer provider, AsyncLocalStorage context manager, W3C trace context propagator.
  provider.register();
  const unpatch =
    options.instrument === false
      ? () => undefined
      : registerInstrumentations({
          tracerProvider: provider,
          // Outgoing calls and queries only inside a trace: the scheduler polls Postgres and
          // apps call the registry on their own, and a root trace per poll would drown the rest.
          instrumentations: [
            new HttpInstrumentation({
              ignoreIncomingRequestHook: (request) =>
                PROBE_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
              requireParentforOutgoingSpans: true,
            }),
            new UndiciInstrumentation({ requireParentforSpans: true }),
            new PgInstrumentation({ requireParentSpan: true }),
          ],
        });
  return {
    enabled: true,
    forceFlush: () => provider.forceFlush(),
    async shutdown() {
      unpatch();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** Tests: tracing on with every span kept in `exporter`, nothing patched; shut it down after. */
export function startInMemoryTracing(serviceName: string): {
  exporter: InMemorySpanExporter;
  tracing: Tracing;
} {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({
    serviceName,
    spanProcessor: new SimpleSpanProcessor(exporter),
    instrument: false,
  });
  return { exporter, tracing };
}
