import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { MetricDefinition } from './metric-names';
import { METRICS } from './metric-names';

type Labels<D> = D extends { readonly labelNames: readonly (infer L extends string)[] } ? L : never;
type MetricFor<D> = D extends { readonly type: 'counter' }
  ? Counter<Labels<D>>
  : D extends { readonly type: 'gauge' }
    ? Gauge<Labels<D>>
    : D extends { readonly type: 'histogram' }
      ? Histogram<Labels<D>>
      : never;

/** The hub's metrics, typed by their label names: `metrics.ingressReceived.inc({ system, route })`. */
export type HubMetrics = { readonly [K in keyof typeof METRICS]: MetricFor<(typeof METRICS)[K]> };

function build(definition: MetricDefinition, registry: Registry): Counter | Gauge | Histogram {
  const common = {
    name: definition.name,
    help: definition.help,
    labelNames: definition.labelNames,
    registers: [registry],
  };
  switch (definition.type) {
    case 'counter':
      return new Counter(common);
    case 'gauge':
      return new Gauge(common);
    case 'histogram':
      return new Histogram(
        definition.buckets === undefined ? common : { ...common, buckets: [...definition.buckets] },
      );
  }
}

/**
 * Creates every hub metric on `registry` (one Registry per app; the global default
 * registry stays untouched). Call once per registry: prom-client refuses duplicate names.
 */
export function createMetrics(registry: Registry): HubMetrics {
  const entries = Object.entries(METRICS).map(
    ([key, definition]) => [key, build(definition, registry)] as const,
  );
  // Built from METRICS entry by entry, so each key holds the kind and labels HubMetrics names.
  return Object.freeze(Object.fromEntries(entries)) as unknown as HubMetrics;
}
