/**
 * connector-sap on the connector kit: the SAP adapters, the business event marks table, the
 * start-up check of SAP's services and the SAP part of /status; the kit does the rest. main.ts listens; tests call this,
 * start() and listen on port 0.
 */
import {
  createConnectorApp,
  type ConnectorApp,
  type ConnectorTopicOverrides,
  CreateNotificationMarks1767916800000,
  NotificationMarks,
  ownTablesDataSource,
} from '@hub/connector-runtime';
import type { EventIdentity } from '@hub/contracts';
import type { OwnershipPolicy } from '@hub/ownership';
import type { ConnectorSapConfig } from './connector-sap.config';
import { createSapAdapters } from './sap-adapters';
import { checkSapSetup } from './sap-startup-check';

export type ConnectorSapApp = ConnectorApp;

/** Test seams; production passes none. */
export interface ConnectorSapAppOptions {
  readonly policy?: OwnershipPolicy;
  readonly topics?: ConnectorTopicOverrides;
  readonly identity?: EventIdentity;
  readonly ensureTopics?: { readonly partitions: number; readonly replicationFactor: number };
}

export function createConnectorSapApp(
  config: ConnectorSapConfig,
  options: ConnectorSapAppOptions = {},
): ConnectorSapApp {
  return createConnectorApp({
    config,
    ...options,
    protocol: ({ system, logger, clock }) => {
      const dataSource = ownTablesDataSource({
        url: config.database.url,
        schema: config.connector.databaseSchema,
        migrationsTable: 'connector_sap_migrations',
        migrations: [CreateNotificationMarks1767916800000],
      });
      const adapters = createSapAdapters(
        config.sap,
        system,
        new NotificationMarks(dataSource),
        clock,
      );
      return {
        write: adapters.write,
        read: adapters.read,
        reconcile: adapters.reconcile,
        ownTables: { name: 'notification-marks', dataSource },
        startupChecks: [
          {
            name: 'sap-services',
            run: (signal) =>
              checkSapSetup(
                {
                  client: adapters.client,
                  url: config.sap.url,
                  purchaseOrderService: config.sap.purchaseOrderService,
                  timeoutMs: config.sap.startupCheckTimeout,
                  logger,
                },
                signal,
              ),
          },
        ],
        status: () => ({
          sap: {
            url: config.sap.url,
            auth: config.sap.auth,
            purchaseOrderService: config.sap.purchaseOrderService,
            csrfRetries: adapters.client.counts.csrfRetries,
          },
        }),
      };
    },
  });
}
