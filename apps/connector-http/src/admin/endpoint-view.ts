/** What GET /endpoints shows of one endpoint: never its secret, and its URL without credentials or query. */
import type { EntityType } from '@hub/contracts';
import type { EndpointConfig } from '../app/endpoints-setting';
import type { EndpointState } from '../endpoint-state/endpoint-state-store';

export interface EndpointView {
  readonly id: string;
  readonly url: string;
  readonly entityTypes: readonly EntityType[];
  readonly timeoutMs: number;
  readonly state: 'enabled' | 'disabled';
  readonly disabledAt: string | null;
  readonly disabledReason: string | null;
  readonly enabledAt: string | null;
}

export function safeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function iso(at: number | undefined): string | null {
  return at === undefined ? null : new Date(at).toISOString();
}

export function endpointView(
  endpoint: EndpointConfig,
  state: EndpointState | undefined,
): EndpointView {
  const disabled = state?.disabled;
  return {
    id: endpoint.id,
    url: safeUrl(endpoint.url),
    entityTypes: endpoint.entityTypes,
    timeoutMs: endpoint.timeoutMs,
    state: disabled === undefined ? 'enabled' : 'disabled',
    disabledAt: iso(disabled?.disabledAt),
    disabledReason: disabled?.reason ?? null,
    enabledAt: iso(state?.enabledAt),
  };
}
