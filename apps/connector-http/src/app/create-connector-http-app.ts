/**
 * connector-http on the connector kit: the HTTP write adapter over its endpoints, its own
 * endpoint-state table and the admin routes; the kit does the rest (runtime, probes,
 * /status, logging, shutdown). Beside the runtime, the change-request flow delivers
 * `hub.change-request.v1` to the system's endpoints; it starts after the runtime (which
 * migrates the tables it uses) and stops before it. main.ts listens; tests call this and
 * listen on port 0.
 */
import {
  createConnectorApp,
  type ConnectorApp,
  type ConnectorAppOptions,
} from '@hub/connector-runtime';
import type { EventIdentity } from '@hub/contracts';
import type { Clock } from '@hub/resilience';
import {
  createChangeRequestFlow,
  type ChangeRequestFlow,
} from '../change-requests/change-request-flow';
import type { ChangeRequestTopicOverrides } from '../change-requests/change-request-topics';
import type { ConnectorHttpConfig } from './connector-http.config';
import { connectorHttpProtocol } from './connector-http-protocol';

export interface ConnectorHttpApp extends ConnectorApp {
  /** The change-request flow beside the runtime (closed by close()). */
  readonly changeRequests: ChangeRequestFlow;
}

/** Test seams: fixed clock and ids, topic overrides, topic creation. */
export interface ConnectorHttpAppOptions {
  readonly identity?: EventIdentity;
  readonly clock?: Clock;
  readonly topics?: ChangeRequestTopicOverrides;
  readonly ensureTopics?: ConnectorAppOptions<ConnectorHttpConfig>['ensureTopics'];
}

/** Built and started: endpoint state migrated, admin routes up, the runtime and the change-request flow consuming. */
export async function createConnectorHttpApp(
  config: ConnectorHttpConfig,
  options: ConnectorHttpAppOptions = {},
): Promise<ConnectorHttpApp> {
  let changeRequests: ChangeRequestFlow | undefined;
  const connector = createConnectorApp({
    config,
    ...options,
    protocol: (context) => {
      const protocol = connectorHttpProtocol(context);
      const flow = createChangeRequestFlow({
        ...context,
        http: protocol.write,
        ...(options.identity === undefined ? {} : { identity: options.identity }),
        ...(options.topics === undefined ? {} : { topics: options.topics }),
      });
      changeRequests = flow;
      return {
        ...protocol,
        // Down change-request consumers make the connector not ready, like the runtime's.
        readinessChecks: { ...protocol.readinessChecks, changeRequests: flow.readiness },
        status: () => ({ changeRequests: flow.status() }),
      };
    },
  });
  const flow = changeRequests;
  if (flow === undefined) throw new Error('connector-http: the protocol was not built');
  await connector.start();
  try {
    await flow.start();
  } catch (error) {
    await flow.stop().catch(() => undefined);
    await connector.close();
    throw error;
  }
  return {
    ...connector,
    changeRequests: flow,
    get app() {
      return connector.app;
    },
    close: async () => {
      await flow.stop();
      await connector.close();
    },
  };
}
