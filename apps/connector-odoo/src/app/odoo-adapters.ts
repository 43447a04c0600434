/** ODOO_* settings → the transport, the ORM client and the runtime's two adapters. */
import type { Logger } from '@hub/observability';
import { OdooClient } from '../odoo/odoo-client';
import { OdooReadAdapter } from '../read/odoo-read-adapter';
import { OdooReconcileAdapter } from '../reconcile/odoo-reconcile-adapter';
import { createOdooTransport } from '../transport/create-odoo-transport';
import type { OdooTransport } from '../transport/odoo-call';
import { OdooLookups } from '../write/odoo-lookups';
import { OdooWriteAdapter } from '../write/odoo-write-adapter';
import type { OdooWriteSettings } from '../write/write-settings';
import type { ConnectorOdooConfig } from './connector-odoo.config';

export interface OdooAdapters {
  readonly transport: OdooTransport;
  readonly client: OdooClient;
  readonly write: OdooWriteAdapter;
  readonly read: OdooReadAdapter;
  readonly reconcile: OdooReconcileAdapter;
}

export function createOdooAdapters(
  odoo: ConnectorOdooConfig['odoo'],
  systemId: string,
  logger?: Logger,
): OdooAdapters {
  const secret =
    odoo.protocol === 'json-2' ? (odoo.apiKey ?? '') : (odoo.password ?? odoo.apiKey ?? '');
  const transport = createOdooTransport(odoo.protocol, {
    systemId,
    url: odoo.url,
    db: odoo.db,
    login: odoo.login,
    secret,
    timeoutMs: odoo.timeout,
    maxResponseBytes: odoo.maxResponseSize,
  });
  const client = new OdooClient(transport, systemId, (operation, seconds, ok) => {
    logger?.debug({ operation, ms: Math.round(seconds * 1000), ok }, 'odoo call');
  });
  const writeSettings: OdooWriteSettings = {
    systemId,
    referenceField: odoo.referenceField,
    overReceiptTolerancePercent: odoo.overReceiptTolerance,
    backorder: odoo.backorder,
    odooMajorVersion: odoo.majorVersion,
    lookupCacheTtlMs: odoo.lookupCacheTtl,
  };
  return {
    transport,
    client,
    write: new OdooWriteAdapter(client, writeSettings),
    reconcile: new OdooReconcileAdapter(client, new OdooLookups(client, writeSettings)),
    read: new OdooReadAdapter(client, {
      systemId,
      publishStates: odoo.publishStates,
      uomMap: odoo.uomMap,
      sweepPageSize: odoo.sweepPageSize,
    }),
  };
}
