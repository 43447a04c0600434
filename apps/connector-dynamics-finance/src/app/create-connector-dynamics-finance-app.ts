/**
 * connector-dynamics-finance on the connector kit: the F&O adapters, the business event
 * marks table, the start-up check and the F&O part of /status; the kit does the rest.
 * main.ts listens; tests call this, start() and listen on port 0.
 */
import {
  HttpClient,
  createConnectorApp,
  type ConnectorApp,
  type ConnectorTopicOverrides,
  CreateNotificationMarks1767916800000,
  NotificationMarks,
  entraIdTokenCache,
  ownTablesDataSource,
} from '@hub/connector-runtime';
import type { EventIdentity } from '@hub/contracts';
import type { OwnershipPolicy } from '@hub/ownership';
import type { Clock } from '@hub/resilience';
import { FoClient } from '../fo/fo-client';
import { FO_ERROR_CODES, isAuthFailure } from '../fo/fo-errors';
import { FoReadAdapter } from '../read/fo-read-adapter';
import { foReconcileAdapter } from '../reconcile/fo-reconcile-adapter';
import { FoWriteAdapter } from '../write/fo-write-adapter';
import type { ConnectorDynamicsFinanceConfig } from './connector-dynamics-finance.config';
import { checkFoSetup } from './fo-startup-check';

export type ConnectorDynamicsFinanceApp = ConnectorApp;

/** Test seams; production passes none. */
export interface ConnectorDynamicsFinanceAppOptions {
  readonly policy?: OwnershipPolicy;
  readonly topics?: ConnectorTopicOverrides;
  readonly identity?: EventIdentity;
  readonly clock?: Clock;
  readonly ensureTopics?: { readonly partitions: number; readonly replicationFactor: number };
}

export function createConnectorDynamicsFinanceApp(
  config: ConnectorDynamicsFinanceConfig,
  options: ConnectorDynamicsFinanceAppOptions = {},
): ConnectorDynamicsFinanceApp {
  return createConnectorApp({
    config,
    ...options,
    protocol: ({ system, logger, clock }) => {
      const fo = config.dynamicsFinance;
      const http = new HttpClient({ timeoutMs: fo.timeout, clock });
      const tokens = entraIdTokenCache({
        api: 'F&O',
        codes: { refused: FO_ERROR_CODES.authRefused, unavailable: FO_ERROR_CODES.authUnavailable },
        isAuthFailure,
        tenantId: fo.tenantId,
        clientId: fo.clientId,
        clientSecret: fo.clientSecret,
        authorityHost: fo.authorityHost,
        loginRoute: fo.loginRoute,
        scope: fo.scope ?? `${fo.url.replace(/\/+$/, '')}/.default`,
        timeoutMs: fo.timeout,
        http,
        clock,
      });
      const client = new FoClient({
        url: fo.url,
        legalEntity: fo.legalEntity,
        http,
        tokens,
        timeoutMs: fo.timeout,
        clock,
      });
      const dataSource = ownTablesDataSource({
        url: config.database.url,
        schema: config.connector.databaseSchema,
        migrationsTable: 'connector_dynamics_finance_migrations',
        migrations: [CreateNotificationMarks1767916800000],
      });
      return {
        write: new FoWriteAdapter(client, {
          systemId: system,
          journalNameId: fo.countingJournalName,
        }),
        reconcile: foReconcileAdapter(client),
        read: new FoReadAdapter(client, new NotificationMarks(dataSource), {
          systemId: system,
          sweepPageSize: fo.sweepPageSize,
        }),
        ownTables: { name: 'notification-marks', dataSource },
        startupChecks: [
          {
            name: 'dynamics-finance-access',
            run: (signal) =>
              checkFoSetup(
                { client, tokens, system, url: fo.url, timeoutMs: fo.startupCheckTimeout, logger },
                signal,
              ),
          },
        ],
        status: () => ({
          dynamicsFinance: {
            url: fo.url,
            legalEntity: fo.legalEntity,
            authorityHost: fo.authorityHost,
          },
        }),
      };
    },
  });
}
