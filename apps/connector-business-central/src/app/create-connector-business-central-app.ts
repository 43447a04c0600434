/**
 * connector-business-central on the connector kit: the BC adapters, the start-up check of
 * the extension, the subscription job (one leader among the replicas, its lease in the
 * connector's schema) and the BC part of /status; the kit does the rest. main.ts listens;
 * tests call this, start() and listen on port 0.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  JobRunner,
  PostgresJobLease,
  connectorRuntimeMigrations,
  connectorRuntimeMigrationsTable,
  createConnectorApp,
  jobMetrics,
  type ConnectorApp,
  type ConnectorTopicOverrides,
} from '@hub/connector-runtime';
import type { EventIdentity } from '@hub/contracts';
import type { OwnershipPolicy } from '@hub/ownership';
import type { Clock } from '@hub/resilience';
import type { DynamicModule, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createBcAdapters } from './bc-adapters';
import { checkBcSetup } from './bc-startup-check';
import type { ConnectorBusinessCentralConfig } from './connector-business-central.config';

/** Test seams; production passes none. */
export interface ConnectorBusinessCentralAppOptions {
  readonly policy?: OwnershipPolicy;
  readonly topics?: ConnectorTopicOverrides;
  readonly identity?: EventIdentity;
  readonly clock?: Clock;
  readonly ensureTopics?: { readonly partitions: number; readonly replicationFactor: number };
}

export function createConnectorBusinessCentralApp(
  config: ConnectorBusinessCentralConfig,
  options: ConnectorBusinessCentralAppOptions = {},
): ConnectorApp {
  return createConnectorApp({
    config,
    ...options,
    protocol: ({ system, logger, metrics, clock }) => {
      const adapters = createBcAdapters(config.bc, system, { logger, metrics, clock });
      // The runtime's tables in the connector's schema, migrated first: the job lease is one of them.
      const dataSource = new DataSource({
        type: 'postgres',
        url: config.database.url,
        schema: config.connector.databaseSchema,
        poolSize: 2,
        migrations: connectorRuntimeMigrations,
        migrationsTableName: connectorRuntimeMigrationsTable,
      });
      const runner = new JobRunner({
        lease: new PostgresJobLease(dataSource),
        holder: `${system}/${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`,
        leaseMs: config.bc.subscriptionCheckInterval * 3,
        metrics: jobMetrics(metrics),
        logger,
        clock,
      });
      const subscriptions = adapters.subscriptions;
      /** Nest destroys it when the app closes, before the lease table's pool: the job stops and gives up its lead. */
      class BcJobsModule implements OnModuleDestroy {
        async onModuleDestroy(): Promise<void> {
          await runner.stop();
          await adapters.http.close();
        }
      }
      const jobs: DynamicModule = { module: BcJobsModule };
      return {
        write: adapters.write,
        read: adapters.read,
        reconcile: adapters.reconcile,
        ownTables: { name: 'bc-jobs', dataSource },
        module: jobs,
        startupChecks: [
          {
            name: 'bc-extension',
            run: (signal) =>
              checkBcSetup(
                {
                  client: adapters.client,
                  directory: adapters.directory,
                  system,
                  apiUrl: config.bc.apiUrl,
                  company: config.bc.company,
                  timeoutMs: config.bc.startupCheckTimeout,
                  logger,
                },
                signal,
              ),
          },
          {
            name: 'bc-subscriptions',
            run: () => {
              if (subscriptions !== undefined)
                runner.start({
                  name: 'bc-subscriptions',
                  intervalMs: config.bc.subscriptionCheckInterval,
                  firstDelayMs: 0,
                  run: (signal) => subscriptions.run(signal),
                });
              return Promise.resolve();
            },
          },
        ],
        status: () => ({
          businessCentral: {
            apiUrl: config.bc.apiUrl,
            company: config.bc.company,
            purchaseOrders:
              'polled by lastModifiedDateTime (technical debt: no webhooks for purchaseOrders)',
            subscriptions: subscriptions?.status() ?? 'off (BC_WEBHOOK_BASE_URL unset)',
          },
        }),
        startedLog: { bcApiUrl: config.bc.apiUrl, bcCompany: config.bc.company },
      };
    },
  });
}
