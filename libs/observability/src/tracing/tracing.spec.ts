import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
import { TracingConfigError, startTracing, tracesExporters } from './tracing';

const kinds = (env: Record<string, string>) =>
  tracesExporters(env).map((exporter) => exporter.constructor);

describe('tracesExporters (which OTEL_* settings turn tracing on)', () => {
  it('is off when nothing names an exporter or an endpoint', () => {
    expect(kinds({})).toEqual([]);
    expect(startTracing({ serviceName: 'x', env: {} }).enabled).toBe(false);
  });

  it('exports OTLP http/protobuf once an endpoint is set', () => {
    expect(kinds({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual([
      OtlpProtoExporter,
    ]);
    expect(kinds({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })).toEqual([
      OtlpProtoExporter,
    ]);
  });

  it('honours OTEL_TRACES_EXPORTER and the protocol', () => {
    expect(kinds({ OTEL_TRACES_EXPORTER: 'otlp' })).toEqual([OtlpProtoExporter]);
    expect(kinds({ OTEL_TRACES_EXPORTER: 'otlp,console' })).toEqual([
      OtlpProtoExporter,
      ConsoleSpanExporter,
    ]);
    expect(
      kinds({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }),
    ).toEqual([OtlpJsonExporter]);
    expect(
      kinds({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
      }),
    ).toEqual([OtlpProtoExporter]);
  });

  it('stays off with none or OTEL_SDK_DISABLED, whatever else is set', () => {
    expect(
      kinds({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c' }),
    ).toEqual([]);
    expect(kinds({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toEqual([]);
  });

  it('refuses what it cannot do, naming the setting', () => {
    expect(() => tracesExporters({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(
      new TracingConfigError(
        'OTEL_TRACES_EXPORTER "zipkin" is not supported: use otlp, console or none',
      ),
    );
    expect(() =>
      tracesExporters({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    ).toThrow('OTLP protocol "grpc" is not supported: use http/protobuf (default) or http/json');
  });
});
