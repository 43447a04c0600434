/**
 * The registry behind the kit's metrics. The kit hands connectors its metrics, not its
 * registry; prom-client keeps the registries a metric was registered in as `registers`, so
 * the connector's own metrics (jobs, subscriptions) join the same /metrics.
 */
import type { HubMetrics } from '@hub/observability';
import { Registry } from 'prom-client';

export function registryOf(metrics: HubMetrics): Registry {
  const registers = (metrics.pollingTechnicalDebt as unknown as { registers?: readonly Registry[] })
    .registers;
  return registers?.[0] ?? new Registry();
}
