/** BC_* settings → the token cache, the OData client, the directory and the runtime's adapters. */
import { HttpClient, type ReconcileAdapter } from '@hub/connector-runtime';
import type { HubMetrics, Logger } from '@hub/observability';
import type { Clock } from '@hub/resilience';
import { BcClient } from '../bc/bc-client';
import { BcDirectory } from '../bc/bc-directory';
import { createBcTokenCache } from '../bc/bc-token';
import { BcReadAdapter } from '../read/bc-read-adapter';
import { bcReconcileAdapter } from '../reconcile/bc-reconcile-adapter';
import { BcWriteAdapter } from '../write/bc-write-adapter';
import { BcSubscriptionManager } from '../webhooks/subscription-manager';
import type { ConnectorBusinessCentralConfig } from './connector-business-central.config';

export interface BcAdapters {
  readonly client: BcClient;
  readonly directory: BcDirectory;
  readonly write: BcWriteAdapter;
  readonly read: BcReadAdapter;
  readonly reconcile: ReconcileAdapter;
  /** Present when BC_WEBHOOK_BASE_URL is set. */
  readonly subscriptions: BcSubscriptionManager | undefined;
  readonly http: HttpClient;
}

export function createBcAdapters(
  bc: ConnectorBusinessCentralConfig['bc'],
  systemId: string,
  context: { readonly logger: Logger; readonly metrics: HubMetrics; readonly clock: Clock },
): BcAdapters {
  const { logger, metrics, clock } = context;
  const http = new HttpClient({ timeoutMs: bc.timeout, clock });
  const tokens = createBcTokenCache(bc, http, clock);
  const client = new BcClient(
    http,
    tokens,
    {
      apiUrl: bc.apiUrl,
      timeoutMs: bc.timeout,
      observe: (operation, seconds) => {
        metrics.connectorErpCallSeconds.observe({ target: systemId, operation }, seconds);
      },
    },
    clock,
  );
  const directory = new BcDirectory(
    client,
    { company: bc.company, warehouses: bc.warehouses },
    systemId,
    bc.lookupCacheTtl,
    clock,
  );
  const companies = bc.readCompanies ?? [bc.company];
  const webhooks =
    bc.webhookBaseUrl === undefined || bc.webhookClientState === undefined
      ? undefined
      : new BcSubscriptionManager(
          client,
          directory,
          {
            systemId,
            notificationUrl: `${bc.webhookBaseUrl.replace(/\/$/, '')}/webhooks/business-central/${encodeURIComponent(systemId)}`,
            clientState: bc.webhookClientState,
            companies,
            resources: bc.webhookResources,
            renewBeforeMs: bc.subscriptionRenewBefore,
          },
          metrics,
          logger,
          clock,
        );
  return {
    client,
    directory,
    http,
    write: new BcWriteAdapter(client, directory, {
      systemId,
      tolerancePercent: bc.overReceiptTolerance,
      clock,
    }),
    reconcile: bcReconcileAdapter(client, directory, {
      company: bc.company,
      warehouses: bc.warehouses,
    }),
    read: new BcReadAdapter(client, directory, {
      systemId,
      companies,
      publishStatuses: bc.publishStatuses,
      pageSize: bc.poPollPageSize,
    }),
    subscriptions: webhooks,
  };
}
