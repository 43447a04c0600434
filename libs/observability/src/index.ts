// Logs, metrics and health probes for every app, as plain functions (the Nest wiring is @hub/service-main's createHttpApp).
export { createLogger } from './logging/create-logger';
export type { LogDestination, LogLevel, Logger, LoggerOptions } from './logging/create-logger';
export { currentLogContext, withLogContext } from './logging/log-context';
export type { LogContext } from './logging/log-context';
export { REDACTED_PATHS, REDACTION_CENSOR } from './logging/redact-paths';
export { nestLoggerFrom } from './logging/nest-logger';
export { captureLogLines } from './logging/capture-log-lines';
export { METRICS } from './metrics/metric-names';
export type { MetricDefinition, MetricKey } from './metrics/metric-names';
export { createMetrics } from './metrics/create-metrics';
export type { HubMetrics } from './metrics/create-metrics';
export { METRICS_CONTENT_TYPE, createRegistry, metricsText } from './metrics/metrics-text';
export { BREAKER_STATE_VALUE, recordBreakerState } from './metrics/breaker-state';
export type { BreakerState } from './metrics/breaker-state';
export { HealthRegistry } from './health/health-registry';
export type { Liveness, Readiness } from './health/health-registry';
export { HealthError } from './health/health-error';
export type { CheckResult, ReadinessCheck } from './health/run-check';
export { connectedCheck, pingCheck } from './health/check-factories';
export { createProbeHandlers } from './http/probe-handlers';
export type { ProbeDependencies, ProbeHandlers, ProbeReply } from './http/probe-handlers';
export { PROBE_PATHS, registerProbeRoutes } from './http/register-probe-routes';
export type { ProbeReplySink, ProbeRouter } from './http/register-probe-routes';
export {
  HUB_TRACER,
  SpanKind,
  activeOr,
  activeTraceFields,
  contextOfTraceparent,
  failSpan,
  hubTracer,
  inSpan,
  startHubSpan,
  traceIdOf,
  traceparentOf,
  traceparentOfSpan,
} from './tracing/spans';
export type { Attributes, Context, Span, SpanOptions } from './tracing/spans';
export { inConsumerSpan } from './tracing/consumer-span';
export type { ConsumedTrace } from './tracing/consumer-span';
// startTracing (the SDK, about 0.6 s to load) is imported from
// '@hub/observability/src/tracing/tracing' by what starts it: main.ts and tracing tests.
