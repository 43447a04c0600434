/**
 * Each app's environment for one hub run (variable names from each app's README and
 * src/app/*.config.ts). Times are scaled so a retry schedule or a breaker cool-down runs
 * in seconds.
 */
import {
  connectorErpEnvironment,
  ingressCredential,
  ingressErpPath,
  simulatorErpEnvironment,
} from './erp-under-test';
import type { HubApp, HubLayout } from './hub-layout';

/**
 * The retry target of the change requests to `owner` (@hub/contracts' changeRequestTarget;
 * tools may not import the contracts, like the topic names in kafka-prep.ts).
 */
export const changeRequestTarget = (owner: string): string => `${owner}-change-requests`;

export interface StackEndpoints {
  readonly kafkaBrokers: string;
  readonly schemaRegistryUrl: string;
  readonly databaseUrl: string;
}

export const localUrl = (port: number): string => `http://127.0.0.1:${port}`;

/** The simulator's Odoo login (its defaults): the administrator, uid 2, whose writes are hand edits. */
export const simOdoo = { db: 'odoo', login: 'admin', password: 'admin' } as const;

/**
 * The Odoo user connector-odoo writes as: its own, as in production, so that Odoo's
 * `write_uid` tells the hub's writes from people's. The simulator creates it as uid 7
 * (ODOO_SIM_INTEGRATION_LOGIN), and the ingress names that uid in hubWriterUsers.
 */
export const odooHubUser = {
  login: 'hub-integration',
  password: 'hub-integration-password',
  uid: 7,
} as const;

export function hubUrls(layout: HubLayout) {
  const { ports, systems, secrets } = layout;
  const ingress = localUrl(ports.ingress);
  return {
    simulator: localUrl(ports['erp-simulator']),
    ingress,
    ingressWms: `${ingress}/webhooks/wms/${systems.wms}`,
    ingressOdoo: `${ingress}/webhooks/odoo/${systems.odoo}/${secrets.odooToken}`,
    /** Where the ERP under test notifies the hub. */
    ingressErp: `${ingress}${ingressErpPath(layout.erp.kind, systems.erp, secrets.erpToken)}`,
    connectorOdoo: localUrl(ports['connector-odoo']),
    /** The ERP connector's probes, metrics and /status. */
    connectorErp: localUrl(ports[layout.erp.app]),
    connectorHttp: localUrl(ports['connector-http']),
    retryScheduler: localUrl(ports['retry-scheduler']),
    dlqReviewer: localUrl(ports['dlq-reviewer']),
  };
}

export type HubUrls = ReturnType<typeof hubUrls>;

export function readyPath(app: HubApp): string {
  return app === 'erp-simulator' ? '/healthz' : '/readyz';
}

export function appEnvironment(
  app: HubApp,
  layout: HubLayout,
  stack: StackEndpoints,
  /** The WMS's change-request endpoint (the demo's receiver), when one runs. */
  changeRequestUrl?: string,
): Record<string, string> {
  const { ports, schemas, systems, secrets, groups } = layout;
  const urls = hubUrls(layout);
  const common = {
    KAFKA_BROKERS: stack.kafkaBrokers,
    SCHEMA_REGISTRY_URL: stack.schemaRegistryUrl,
    DATABASE_URL: stack.databaseUrl,
    LOG_LEVEL: 'info',
    OWNERSHIP_POLICY_PATH: layout.policyPath,
  };
  const connector = {
    CONNECTOR_RATE_LIMIT_RPS: '100',
    CONNECTOR_RATE_LIMIT_BURST: '50',
    CONNECTOR_BREAKER_WINDOW: '10s',
    CONNECTOR_BREAKER_MINIMUM_CALLS: '5',
    CONNECTOR_BREAKER_COOL_DOWN: '2s',
    // After a kill -9 another process takes a write over once its lease ends.
    CONNECTOR_LEASE: '5s',
  };
  switch (app) {
    case 'erp-simulator':
      return {
        LOG_LEVEL: 'info',
        ERP_SIMULATOR_PORT: String(ports['erp-simulator']),
        SIM_HOST: '127.0.0.1',
        WMS_SIM_EMIT_SECRET: secrets.wmsEmit,
        WMS_SIM_RECEIVE_SECRET: secrets.wmsReceive,
        WMS_SIM_INGRESS_URL: urls.ingressWms,
        ODOO_SIM_INTEGRATION_LOGIN: odooHubUser.login,
        ODOO_SIM_INTEGRATION_PASSWORD: odooHubUser.password,
        ...layout.simulatorFiles,
        ...simulatorErpEnvironment(layout.erp.kind, urls.ingressErp, secrets.erpToken),
      };
    case 'ingress':
      return {
        ...common,
        INGRESS_PORT: String(ports.ingress),
        INGRESS_DATABASE_SCHEMA: schemas.ingress,
        INGRESS_SYSTEMS: JSON.stringify({
          [systems.wms]: { webhookSecret: secrets.wmsEmit },
          [systems.erp]: {
            ...ingressCredential(layout.erp.kind, secrets.erpToken),
            // Odoo's notification of the connector's own write is an echo, not a change request.
            ...(layout.erp.kind === 'odoo' ? { hubWriterUsers: [String(odooHubUser.uid)] } : {}),
          },
        }),
      };
    case 'connector-odoo':
      return {
        ...common,
        ...connector,
        CONNECTOR_SYSTEM_ID: systems.odoo,
        CONNECTOR_ODOO_PORT: String(ports['connector-odoo']),
        CONNECTOR_DATABASE_SCHEMA: schemas.odoo,
        ODOO_URL: urls.simulator,
        ODOO_ALLOW_INSECURE_HTTP: 'true', // the local simulator speaks plain http
        ODOO_DB: 'odoo',
        ODOO_LOGIN: odooHubUser.login,
        ODOO_PASSWORD: odooHubUser.password,
        ODOO_TIMEOUT: '10s',
        // Report only: the demo's operator repairs through the reviewer (/drift).
        CONNECTOR_RECONCILE: 'report',
        CONNECTOR_RECONCILE_ADMIN_TOKEN: secrets.reconcileToken,
      };
    case 'connector-sap':
    case 'connector-dynamics-finance':
    case 'connector-business-central': {
      const kind = app.slice('connector-'.length) as
        'sap' | 'dynamics-finance' | 'business-central';
      const portVariable = `CONNECTOR_${kind.replace(/-/g, '_').toUpperCase()}_PORT`;
      return {
        ...common,
        ...connector,
        CONNECTOR_SYSTEM_ID: systems.erp,
        [portVariable]: String(ports[app]),
        CONNECTOR_DATABASE_SCHEMA: schemas.erp,
        ...connectorErpEnvironment(kind, urls.simulator),
      };
    }
    case 'connector-http':
      return {
        ...common,
        ...connector,
        HTTP_CONNECTOR_SYSTEM_ID: systems.wms,
        CONNECTOR_HTTP_PORT: String(ports['connector-http']),
        CONNECTOR_DATABASE_SCHEMA: schemas.http,
        HTTP_CONNECTOR_ADMIN_TOKEN: secrets.httpAdminToken,
        HTTP_CONNECTOR_ENDPOINTS: JSON.stringify({
          wms: {
            url: `${urls.simulator}/wms/purchase-orders`,
            secret: secrets.wmsReceive,
            timeout: '5s',
            entityTypes: ['purchase-order'],
          },
          ...(changeRequestUrl === undefined
            ? {}
            : {
                'wms-review': {
                  url: changeRequestUrl,
                  secret: secrets.wmsReceive,
                  timeout: '5s',
                  entityTypes: [],
                  changeRequests: true,
                },
              }),
        }),
        // Where connector-odoo records its writes: an Odoo record named in a change request → the WMS key.
        HTTP_CONNECTOR_REQUESTER_WRITES_SCHEMA: schemas.erp,
      };
    case 'retry-scheduler':
      return {
        ...common,
        RETRY_SCHEDULER_PORT: String(ports['retry-scheduler']),
        RETRY_DATABASE_SCHEMA: schemas.retry,
        RETRY_GROUP_ID: groups.retry,
        RETRY_TARGETS: JSON.stringify({
          targets: [
            { id: systems.erp },
            { id: systems.wms },
            { id: changeRequestTarget(systems.wms) },
          ],
        }),
        // 30s,2m,8m,30m,2h → 1.5s, 6s, 24s, 90s, 6m; breaker window 3s, cool-down 1.5s.
        RETRY_TIME_SCALE: '0.05',
        RETRY_BREAKER_MIN_CALLS: '4',
        RETRY_DRAIN_RATE: '10',
        RETRY_TOPIC_PARTITIONS: '3',
      };
    case 'dlq-reviewer':
      return {
        ...common,
        DLQ_REVIEWER_PORT: String(ports['dlq-reviewer']),
        DLQ_DATABASE_SCHEMA: schemas.dlq,
        DLQ_IDEMPOTENCY_SCHEMA: schemas.erp,
        DLQ_CONSUMER_GROUP: groups.dlq,
        DLQ_CONSOLE_URL: `${urls.dlqReviewer}/`,
        DLQ_METRICS_INTERVAL: '2s',
        DLQ_API_TOKENS: JSON.stringify([
          { name: 'demo-operator', token: secrets.operatorToken, role: 'operator' },
        ]),
        DLQ_RECONCILE_CONNECTORS: JSON.stringify({
          [systems.odoo]: { url: urls.connectorOdoo, token: secrets.reconcileToken },
        }),
      };
  }
}
