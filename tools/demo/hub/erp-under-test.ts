/**
 * The ERP a demo run plays against (`--erp`): its connector app, its system id and policy,
 * how it reaches the ingress (route and credential), and the environment of its connector
 * and of the simulator module standing in for it. Values from each connector's README.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const erpKinds = ['odoo', 'sap', 'dynamics-finance', 'business-central'] as const;
export type ErpKind = (typeof erpKinds)[number];

export const isErpKind = (value: unknown): value is ErpKind =>
  typeof value === 'string' && (erpKinds as readonly string[]).includes(value);

export type ErpApp =
  'connector-odoo' | 'connector-sap' | 'connector-dynamics-finance' | 'connector-business-central';

export const erpApps: Readonly<Record<ErpKind, ErpApp>> = {
  odoo: 'connector-odoo',
  sap: 'connector-sap',
  'dynamics-finance': 'connector-dynamics-finance',
  'business-central': 'connector-business-central',
};

/** The shipped policy file of each ERP (system ids wms and <kind>, as in the file). */
export const erpPolicyFiles: Readonly<Record<ErpKind, string>> = {
  odoo: 'default.yaml',
  sap: 'sap.yaml',
  'dynamics-finance': 'dynamics-finance.yaml',
  'business-central': 'business-central.yaml',
};

/** The demo's items and warehouse in SAP, F&O and Business Central (a fresh simulator each run). */
export const erpSkus = ['SKU-1001', 'SKU-1002', 'SKU-1003'] as const;
export const erpWarehouse = 'WH-EAST';
export const sapPlant = { plant: '1010', storageLocation: '101A' } as const;
/** The simulator's SAP communication user and F&O / BC app registrations (their defaults). */
export const sapUser = { name: 'HUB_COMM_USER', password: 'hub-comm-password' } as const;
export const foApp = {
  tenant: '6c1f1c8e-5c1a-4d57-9a1e-0f0f0f0f0f0f',
  clientId: 'b0b0b0b0-1111-4222-8333-444455556666',
  clientSecret: 'fo-sim-client-secret-value',
  legalEntity: 'usmf',
} as const;
export const bcApp = {
  tenant: '00000000-0000-0000-0000-00000000c0de',
  clientId: 'hub-client',
  clientSecret: 'hub-secret',
  company: 'CRONUS',
} as const;

/** The ingress route the ERP notifies. */
export function ingressErpPath(kind: ErpKind, system: string, token: string): string {
  switch (kind) {
    case 'odoo':
      return `/webhooks/odoo/${system}/${token}`;
    case 'sap':
      return `/webhooks/sap/${system}`;
    case 'dynamics-finance':
      return `/webhooks/dynamics-finance/${system}/${token}`;
    case 'business-central':
      return `/webhooks/business-central/${system}`;
  }
}

/** The ERP's entry in INGRESS_SYSTEMS. */
export function ingressCredential(kind: ErpKind, token: string): Record<string, string> {
  const field = {
    odoo: 'token',
    sap: 'bearerToken',
    'dynamics-finance': 'businessEventToken',
    'business-central': 'clientState',
  } as const;
  return { [field[kind]]: token };
}

/** Seed files the simulator reads at start (F&O and BC have no control route for items). */
export function writeSimulatorSeeds(kind: ErpKind, dir: string): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const write = (name: string, content: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(content));
    return path;
  };
  if (kind === 'dynamics-finance')
    return {
      FO_SIM_SEED_PATH: write('fo-seed.json', {
        items: erpSkus.map((itemNumber) => ({ itemNumber })),
        warehouses: [{ warehouseId: erpWarehouse, siteId: '1' }],
      }),
    };
  if (kind === 'business-central')
    return {
      BC_SIM_SEED_PATH: write('bc-seed.json', [
        {
          name: bcApp.company,
          locations: [erpWarehouse],
          items: erpSkus.map((number) => ({ number, displayName: number })),
        },
      ]),
    };
  return {};
}

/** The simulator's settings that point the ERP's notifications at the ingress. */
export function simulatorErpEnvironment(
  kind: ErpKind,
  ingressErpUrl: string,
  token: string,
): Record<string, string> {
  switch (kind) {
    case 'sap':
      return { SAP_SIM_EVENTS_URL: ingressErpUrl, SAP_SIM_EVENTS_TOKEN: token };
    case 'dynamics-finance':
      return { FO_SIM_BUSINESS_EVENT_URL: ingressErpUrl };
    default:
      return {};
  }
}

/** The ERP-specific part of the connector's environment. */
export function connectorErpEnvironment(
  kind: Exclude<ErpKind, 'odoo'>,
  simulatorUrl: string,
): Record<string, string> {
  switch (kind) {
    case 'sap':
      return {
        SAP_URL: simulatorUrl,
        SAP_USER: sapUser.name,
        SAP_PASSWORD: sapUser.password,
        SAP_WAREHOUSES: JSON.stringify({ [erpWarehouse]: sapPlant }),
        SAP_TIMEOUT: '10s',
      };
    case 'dynamics-finance':
      return {
        DYNAMICS_FINANCE_URL: `${simulatorUrl}/fo`,
        DYNAMICS_FINANCE_TENANT_ID: foApp.tenant,
        DYNAMICS_FINANCE_CLIENT_ID: foApp.clientId,
        DYNAMICS_FINANCE_CLIENT_SECRET: foApp.clientSecret,
        DYNAMICS_FINANCE_LOGIN_ROUTE: `${simulatorUrl}/fo/entra`,
        DYNAMICS_FINANCE_LEGAL_ENTITY: foApp.legalEntity,
        DYNAMICS_FINANCE_TIMEOUT: '10s',
      };
    case 'business-central':
      return {
        BC_API_URL: `${simulatorUrl}/bc/v2.0/${bcApp.tenant}/production`,
        BC_TENANT_ID: bcApp.tenant,
        BC_CLIENT_ID: bcApp.clientId,
        BC_CLIENT_SECRET: bcApp.clientSecret,
        BC_LOGIN_ROUTE: `${simulatorUrl}/bc/login`,
        BC_COMPANY: bcApp.company,
        // Item subscriptions (change requests) are not part of the story: none created.
        // Purchase orders are polled: a short sweep so the demo sees them in seconds.
        CONNECTOR_SWEEP_INTERVAL: '2s',
        BC_TIMEOUT: '10s',
      };
  }
}
