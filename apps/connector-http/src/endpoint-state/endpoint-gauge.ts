/**
 * hub_http_endpoint_disabled{system, endpoint}: 1 while an endpoint is disabled, so an
 * operator is alerted rather than finding out from the retry backlog. Every replica sets it
 * from what it reads in Postgres (at start, per delivery, on enable).
 */
import type { HubMetrics } from '@hub/observability';
import type { EndpointStateStore } from './endpoint-state-store';

export interface EndpointGauge {
  set(endpointId: string, disabled: boolean): void;
}

export function endpointGauge(metrics: HubMetrics, system: string): EndpointGauge {
  return {
    set: (endpoint, disabled) => {
      metrics.httpEndpointDisabled.set({ system, endpoint }, disabled ? 1 : 0);
    },
  };
}

/** Every configured endpoint's current state, at start-up. */
export async function initializeGauge(
  gauge: EndpointGauge,
  store: Pick<EndpointStateStore, 'states'>,
  endpointIds: readonly string[],
): Promise<void> {
  const states = await store.states();
  for (const id of endpointIds) gauge.set(id, states.get(id)?.disabled !== undefined);
}
