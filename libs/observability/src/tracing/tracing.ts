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
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export type TraceEnv = Readonly<Record<string, string | undefined>>;

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

export class TracingConfigError extends Error {
  readonly code = 'TRACING_CONFIG_INVALID';
}

/** Probes answer the kubelet and Prometheus every few seconds: no trace is worth that. */
const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

const disabled: Tracing = {
  enabled: false,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

function exporterNames(env: TraceEnv): string[] {
  const listed = env['OTEL_TRACES_EXPORTER']?.split(',').map((name) => name.trim().toLowerCase());
  if (listed !== undefined && listed.some((name) => name !== '')) return listed;
  // The OTel default would be `otlp`; the hub exports only when told where to.
  const endpoint = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] ?? env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  return endpoint !== undefined && endpoint.trim() !== '' ? ['otlp'] : [];
}

function otlpExporter(env: TraceEnv): SpanExporter {
  const protocol =
    env['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'] ??
    env['OTEL_EXPORTER_OTLP_PROTOCOL'] ??
    'http/protobuf';
  if (protocol === 'http/protobuf') return new OtlpProtoExporter();
  if (protocol === 'http/json') return new OtlpJsonExporter();
  throw new TracingConfigError(
    `OTLP protocol "${protocol}" is not supported: use http/protobuf (default) or http/json`,
  );
}

/** The exporters the environment asks for; none means tracing stays off. */
export function tracesExporters(env: TraceEnv): SpanExporter[] {
  if (env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return [];
  const names = exporterNames(env);
  if (names.includes('none')) return [];
  return names.map((name) => {
    if (name === 'otlp') return otlpExporter(env);
    if (name === 'console') return new ConsoleSpanExporter();
    throw new TracingConfigError(
      `OTEL_TRACES_EXPORTER "${name}" is not supported: use otlp, console or none`,
    );
  });
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
