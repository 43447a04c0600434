import { Registry, collectDefaultMetrics } from 'prom-client';

/** `text/plain; version=0.0.4; charset=utf-8`: the Prometheus text exposition format. */
export const METRICS_CONTENT_TYPE: string = Registry.PROMETHEUS_CONTENT_TYPE;

/** The body of `GET /metrics` for one app's registry. */
export function metricsText(registry: Registry): Promise<string> {
  return registry.metrics();
}

/** A fresh registry for one app, with the standard process metrics (CPU, memory, event loop). */
export function createRegistry(options: { readonly processMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
