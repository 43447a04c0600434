/** Everything the admin routes need, built once in connector-http-protocol.ts. */
import type { Logger } from '@hub/observability';
import type { Clock } from '@hub/resilience';
import type { EndpointGauge } from '../endpoint-state/endpoint-gauge';
import type { EndpointStateStore } from '../endpoint-state/endpoint-state-store';
import type { EndpointConfig } from './endpoints-setting';

export const CONNECTOR_HTTP_DEPS = Symbol('CONNECTOR_HTTP_DEPS');

export interface ConnectorHttpDeps {
  readonly systemId: string;
  readonly endpoints: readonly EndpointConfig[];
  readonly state: EndpointStateStore;
  readonly gauge: EndpointGauge;
  readonly adminToken: string;
  readonly clock: Clock;
  readonly logger: Logger;
}
