// Logs, metrics and health probes for every app: plain functions first, a thin Nest module.
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
  HEALTH_REGISTRY,
  HUB_METRICS,
  LOGGER,
  METRICS_REGISTRY,
  ObservabilityModule,
  PROBE_HANDLERS,
} from './nest/observability.module';
export type { ObservabilityAsyncOptions } from './nest/observability.module';
