/** SAP_* settings → the client and the runtime's two adapters. */
import type { Clock } from '@hub/resilience';
import type { NotificationMarks, ReconcileAdapter } from '@hub/connector-runtime';
import { SapClient, type SapAuth } from '../client/sap-client';
import { SapReadAdapter } from '../read/sap-read-adapter';
import { sapReconcileAdapter } from '../reconcile/sap-reconcile-adapter';
import { SapWriteAdapter } from '../write/sap-write-adapter';
import type { SapSettings } from './connector-sap.config';

export interface SapAdapters {
  readonly client: SapClient;
  readonly write: SapWriteAdapter;
  readonly read: SapReadAdapter;
  readonly reconcile: ReconcileAdapter;
}

function authOf(sap: SapSettings): SapAuth {
  return sap.auth === 'basic'
    ? { kind: 'basic', user: sap.user ?? '', password: sap.password ?? '' }
    : {
        kind: 'oauth',
        tokenUrl: sap.oauthTokenUrl ?? '',
        clientId: sap.oauthClientId ?? '',
        clientSecret: sap.oauthClientSecret ?? '',
      };
}

export function createSapAdapters(
  sap: SapSettings,
  systemId: string,
  marks: Pick<NotificationMarks, 'claim'>,
  clock?: Clock,
): SapAdapters {
  const client = new SapClient({
    systemId,
    url: sap.url,
    sapClient: sap.client,
    auth: authOf(sap),
    timeoutMs: sap.timeout,
    clock,
  });
  return {
    client,
    write: new SapWriteAdapter(client, {
      systemId,
      warehouses: sap.warehouses,
      uomMap: sap.uomMap,
    }),
    reconcile: sapReconcileAdapter(client, { systemId, warehouses: sap.warehouses }),
    read: new SapReadAdapter(client, marks, {
      systemId,
      service: sap.purchaseOrderService,
      uomMap: sap.uomMap,
      sweepPageSize: sap.sweepPageSize,
    }),
  };
}
