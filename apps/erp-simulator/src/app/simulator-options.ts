/**
 * Configuration → the options of `startErpSimulator`, reading the seed and webhook files:
 * Odoo and the WMS, and the Business Central, SAP and F&O modules.
 */
import { readFileSync } from 'node:fs';
import {
  BusinessCentralSimulator,
  DynamicsFinanceSimulator,
  SapSimulator,
  type BcSeedCompany,
  type FoSeed,
  type OdooSeed,
  type OdooWebhookConfig,
  type SapSeed,
  type SimulatorModule,
  type StartErpSimulatorOptions,
} from '@hub/erp-simulator';
import type { ErpSimulatorConfig } from './erp-simulator.config';

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(
      `${what} ${path} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function readOptional(path: string | undefined, what: string): unknown {
  return path === undefined ? undefined : readJson(path, what);
}

/** The three ERP modules beside Odoo: /bc, /sap, /fo and their /__sim/<name> control routes. */
/** The integration user's uid, as a user created after those of Odoo's demo data. */
export const INTEGRATION_UID = 7;

export function simulatorModules(config: ErpSimulatorConfig): SimulatorModule[] {
  const { sap, fo, bc } = config;
  return [
    new BusinessCentralSimulator({
      companies: readOptional(bc.seedPath, 'BC_SIM_SEED_PATH') as BcSeedCompany[] | undefined,
    }),
    new SapSimulator({
      seed: readOptional(sap.seedPath, 'SAP_SIM_SEED_PATH') as SapSeed | undefined,
      events: { url: sap.eventsUrl, bearerToken: sap.eventsToken },
    }),
    new DynamicsFinanceSimulator({
      seed: readOptional(fo.seedPath, 'FO_SIM_SEED_PATH') as FoSeed | undefined,
      businessEvents: fo.businessEventUrl === undefined ? undefined : { url: fo.businessEventUrl },
    }),
  ];
}

export function simulatorOptions(config: ErpSimulatorConfig): StartErpSimulatorOptions {
  const { odoo, wms } = config;
  const seed =
    odoo.seedPath === undefined
      ? undefined
      : (readJson(odoo.seedPath, 'ODOO_SIM_SEED_PATH') as OdooSeed);
  const webhooks =
    odoo.webhooksPath === undefined
      ? undefined
      : (readJson(odoo.webhooksPath, 'ODOO_SIM_WEBHOOKS_PATH') as OdooWebhookConfig[]);
  return {
    port: config.http.port,
    host: config.http.host,
    odoo: {
      db: odoo.db,
      serverVersion: odoo.serverVersion,
      webhookTiming: odoo.webhookTiming,
      commitDelayMs: odoo.commitDelay,
      customFields: (odoo.customFields ?? []).map((entry) => {
        const [model = '', name = ''] = entry.split(':');
        return { model, name };
      }),
      users: [
        {
          uid: 2,
          login: odoo.login,
          password: odoo.password,
          apiKey: odoo.apiKey,
          name: 'Mitchell Admin',
        },
        ...(odoo.integrationLogin === undefined
          ? []
          : [
              {
                uid: INTEGRATION_UID,
                login: odoo.integrationLogin,
                password: odoo.integrationPassword,
                name: 'Hub Integration',
              },
            ]),
      ],
      handEditUid: 2,
      seed,
      webhooks,
    },
    wms: {
      receiveSecret: wms.receiveSecret,
      emitSecret: wms.emitSecret,
      ingressUrl: wms.ingressUrl,
    },
    modules: simulatorModules(config),
  };
}
