/**
 * connector-odoo on the connector kit: the Odoo adapters, the start-up check of Odoo's
 * fields and the Odoo part of /status; the kit does the rest. main.ts listens; tests call
 * this, start() and listen on port 0.
 */
import {
  createConnectorApp,
  type ConnectorApp,
  type ConnectorTopicOverrides,
} from '@hub/connector-runtime';
import type { EventIdentity } from '@hub/contracts';
import type { OwnershipPolicy } from '@hub/ownership';
import type { ConnectorOdooConfig } from './connector-odoo.config';
import { createOdooAdapters } from './odoo-adapters';
import { checkOdooSetup } from './odoo-startup-check';

export type ConnectorOdooApp = ConnectorApp;

/** Test seams; production passes none. */
export interface ConnectorOdooAppOptions {
  readonly policy?: OwnershipPolicy;
  readonly topics?: ConnectorTopicOverrides;
  readonly identity?: EventIdentity;
  readonly ensureTopics?: { readonly partitions: number; readonly replicationFactor: number };
}

export function createConnectorOdooApp(
  config: ConnectorOdooConfig,
  options: ConnectorOdooAppOptions = {},
): ConnectorOdooApp {
  return createConnectorApp({
    config,
    ...options,
    protocol: ({ system, logger }) => {
      const adapters = createOdooAdapters(config.odoo, system, logger);
      return {
        write: adapters.write,
        read: adapters.read,
        reconcile: adapters.reconcile,
        startupChecks: [
          {
            name: 'odoo-fields',
            run: (signal) =>
              checkOdooSetup(
                {
                  client: adapters.client,
                  system,
                  odoo: config.odoo,
                  timeoutMs: config.odoo.startupCheckTimeout,
                  logger,
                },
                signal,
              ),
          },
        ],
        status: () => ({
          odoo: { url: config.odoo.url, db: config.odoo.db, protocol: adapters.transport.protocol },
        }),
      };
    },
  });
}
