/**
 * connector-http on the connector kit: the HTTP write adapter over its endpoints, its own
 * endpoint-state table and the admin routes; the kit does the rest (runtime, probes,
 * /status, logging, shutdown). main.ts listens; tests call this and listen on port 0.
 */
import {
  createConnectorApp,
  type ConnectorApp,
  type ConnectorAppOptions,
} from '@hub/connector-runtime';
import type { EventIdentity } from '@hub/contracts';
import type { Clock } from '@hub/resilience';
import type { ConnectorHttpConfig } from './connector-http.config';
import { connectorHttpProtocol } from './connector-http-protocol';

export type ConnectorHttpApp = ConnectorApp;

/** Test seams: fixed clock and ids, topic overrides, topic creation. */
export interface ConnectorHttpAppOptions {
  readonly identity?: EventIdentity;
  readonly clock?: Clock;
  readonly topics?: ConnectorAppOptions<ConnectorHttpConfig>['topics'];
  readonly ensureTopics?: ConnectorAppOptions<ConnectorHttpConfig>['ensureTopics'];
}

/** Built and started: endpoint state migrated, admin routes up, the runtime consuming. */
export async function createConnectorHttpApp(
  config: ConnectorHttpConfig,
  options: ConnectorHttpAppOptions = {},
): Promise<ConnectorHttpApp> {
  const connector = createConnectorApp({ config, ...options, protocol: connectorHttpProtocol });
  await connector.start();
  return connector;
}
