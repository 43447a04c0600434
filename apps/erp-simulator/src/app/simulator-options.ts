/** Configuration → the options of `startErpSimulator`, reading the seed and webhook files. */
import { readFileSync } from 'node:fs';
import type { OdooSeed, OdooWebhookConfig, StartErpSimulatorOptions } from '@hub/erp-simulator';
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
      users: [{ uid: 2, login: odoo.login, password: odoo.password, apiKey: odoo.apiKey }],
      seed,
      webhooks,
    },
    wms: {
      receiveSecret: wms.receiveSecret,
      emitSecret: wms.emitSecret,
      ingressUrl: wms.ingressUrl,
    },
  };
}
