/**
 * What the standard OTEL_* variables ask of tracing, decided without loading the SDK, so an
 * app with tracing off never pays for loading it (about 0.6 s at start).
 */
export type TraceEnv = Readonly<Record<string, string | undefined>>;

export type TraceExporterKind = 'otlp-protobuf' | 'otlp-json' | 'console';

export class TracingConfigError extends Error {
  readonly code = 'TRACING_CONFIG_INVALID';
}

function exporterNames(env: TraceEnv): string[] {
  const listed = env['OTEL_TRACES_EXPORTER']?.split(',').map((name) => name.trim().toLowerCase());
  if (listed !== undefined && listed.some((name) => name !== '')) return listed;
  // The OTel default would be `otlp`; the hub exports only when told where to.
  const endpoint = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] ?? env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  return endpoint !== undefined && endpoint.trim() !== '' ? ['otlp'] : [];
}

function otlpKind(env: TraceEnv): TraceExporterKind {
  const protocol =
    env['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'] ??
    env['OTEL_EXPORTER_OTLP_PROTOCOL'] ??
    'http/protobuf';
  if (protocol === 'http/protobuf') return 'otlp-protobuf';
  if (protocol === 'http/json') return 'otlp-json';
  throw new TracingConfigError(
    `OTLP protocol "${protocol}" is not supported: use http/protobuf (default) or http/json`,
  );
}

/** The exporters the environment asks for; none means tracing stays off. Throws on what it cannot do. */
export function traceExporterKinds(env: TraceEnv): TraceExporterKind[] {
  if (env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return [];
  const names = exporterNames(env);
  if (names.includes('none')) return [];
  return names.map((name) => {
    if (name === 'otlp') return otlpKind(env);
    if (name === 'console') return 'console';
    throw new TracingConfigError(
      `OTEL_TRACES_EXPORTER "${name}" is not supported: use otlp, console or none`,
    );
  });
}
