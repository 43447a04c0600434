/** The simulator app's configuration, declared once (README's table is rendered from it). */
import {
  defineConfig,
  duration,
  list,
  observabilitySettings,
  oneOf,
  port,
  setting,
  text,
  url,
  withDefaults,
  type ConfigOf,
} from '@hub/config';

export const erpSimulatorConfig = defineConfig({
  observability: withDefaults(observabilitySettings, { serviceName: 'erp-simulator' }),
  http: {
    port: setting({
      env: 'ERP_SIMULATOR_PORT',
      schema: port(),
      description: 'HTTP listen port.',
      default: '3200',
      secret: false,
    }),
    host: setting({
      env: 'SIM_HOST',
      schema: text(),
      description: 'Listen address.',
      default: '0.0.0.0',
      secret: false,
    }),
  },
  odoo: {
    db: setting({
      env: 'ODOO_SIM_DB',
      schema: text(),
      description: 'Database name clients must send.',
      default: 'odoo',
      secret: false,
    }),
    login: setting({
      env: 'ODOO_SIM_LOGIN',
      schema: text(),
      description:
        'Login of the administrator (uid 2, Mitchell Admin), to whom hand edits are attributed.',
      default: 'admin',
      secret: false,
    }),
    password: setting({
      env: 'ODOO_SIM_PASSWORD',
      schema: text(),
      description: 'Password of that user.',
      default: 'admin',
      secret: true,
    }),
    apiKey: setting({
      env: 'ODOO_SIM_API_KEY',
      schema: text(),
      description:
        'API key of that user (in place of the password over RPC; bearer token on JSON-2).',
      default: 'sim-odoo-api-key',
      secret: true,
    }),
    integrationLogin: setting({
      env: 'ODOO_SIM_INTEGRATION_LOGIN',
      schema: text().optional(),
      description:
        "Login of a second user, uid 7 (Hub Integration), for the hub's connector: Odoo stamps each write with its user (write_uid), so the hub's writes are then told from people's (hand edits are uid 2's). Unset: only uid 2.",
      secret: false,
    }),
    integrationPassword: setting({
      env: 'ODOO_SIM_INTEGRATION_PASSWORD',
      schema: text(),
      description: 'Password (or API key over RPC) of the ODOO_SIM_INTEGRATION_LOGIN user.',
      default: 'hub-integration',
      secret: true,
    }),
    serverVersion: setting({
      env: 'ODOO_SIM_VERSION',
      schema: text().regex(/^\d+\.\d+$/, 'must look like 17.0'),
      description:
        'Odoo version reported and emulated (JSON-RPC error code 200 up to 17, 0 from 18).',
      default: '17.0',
      secret: false,
    }),
    webhookTiming: setting({
      env: 'ODOO_SIM_WEBHOOK_TIMING',
      schema: oneOf(['after-commit', 'before-commit']),
      description:
        'Send webhooks before the change is visible (as Odoo 17 does: the POST runs inside the transaction), or after it is (later Odoo revisions post after commit).',
      default: 'before-commit',
      secret: false,
    }),
    commitDelay: setting({
      env: 'ODOO_SIM_COMMIT_DELAY',
      schema: duration(),
      description:
        'before-commit: how long after its webhooks answered a transaction commits (the change stays invisible that long).',
      default: '200ms',
      secret: false,
    }),
    customFields: setting({
      env: 'ODOO_SIM_CUSTOM_FIELDS',
      schema: list(
        text().regex(/^[a-z0-9_.]+:x_[a-z0-9_]+$/, 'must be <model>:x_<field>'),
      ).optional(),
      description:
        'Custom char fields that exist from the start, as model:field, comma-separated (e.g. stock.quant:x_hub_correlation_id); unset: none, as in a fresh Odoo, until created over RPC.',
      secret: false,
    }),
    seedPath: setting({
      env: 'ODOO_SIM_SEED_PATH',
      schema: text().optional(),
      description:
        'JSON file with an OdooSeed (products, warehouses, partners, quants, purchaseOrders) loaded at start.',
      secret: false,
    }),
    webhooksPath: setting({
      env: 'ODOO_SIM_WEBHOOKS_PATH',
      schema: text().optional(),
      description:
        'JSON file with a list of webhook rules {model, url, fields?} installed at start.',
      secret: false,
    }),
  },
  sap: {
    seedPath: setting({
      env: 'SAP_SIM_SEED_PATH',
      schema: text().optional(),
      description:
        'JSON file with a SapSeed (plants, materials, stock, purchaseOrders) loaded at start; more can be seeded with POST /__sim/sap/seed.',
      secret: false,
    }),
    eventsUrl: setting({
      env: 'SAP_SIM_EVENTS_URL',
      schema: url(['http', 'https']).optional(),
      description:
        "Where SAP's business events (CloudEvents) go, e.g. http://127.0.0.1:3000/webhooks/sap/sap; unset: no events.",
      secret: false,
    }),
    eventsToken: setting({
      env: 'SAP_SIM_EVENTS_TOKEN',
      schema: text().optional(),
      description:
        'Bearer token sent with each business event (the ingress bearerToken of the SAP system).',
      secret: true,
    }),
  },
  fo: {
    seedPath: setting({
      env: 'FO_SIM_SEED_PATH',
      schema: text().optional(),
      description:
        'JSON file with an FoSeed (legalEntities, items, warehouses, journalNames) that replaces the default lists.',
      secret: false,
    }),
    businessEventUrl: setting({
      env: 'FO_SIM_BUSINESS_EVENT_URL',
      schema: url(['http', 'https']).optional(),
      description:
        'Business event endpoint, e.g. http://127.0.0.1:3000/webhooks/dynamics-finance/dynamics-finance/<token>; unset: no events.',
      secret: true,
    }),
  },
  bc: {
    seedPath: setting({
      env: 'BC_SIM_SEED_PATH',
      schema: text().optional(),
      description:
        'JSON file with the list of companies (BcSeedCompany: name, locations, items, ...); unset: one company CRONUS with location MAIN.',
      secret: false,
    }),
  },
  wms: {
    receiveSecret: setting({
      env: 'WMS_SIM_RECEIVE_SECRET',
      schema: text()
        .regex(/^whsec_/, 'must start with whsec_')
        .optional(),
      description:
        'whsec_ secret the hub signs deliveries to the WMS with; unset: the library default test secret.',
      secret: true,
    }),
    emitSecret: setting({
      env: 'WMS_SIM_EMIT_SECRET',
      schema: text()
        .regex(/^whsec_/, 'must start with whsec_')
        .optional(),
      description:
        'whsec_ secret the WMS signs its events to the ingress with; unset: the library default test secret.',
      secret: true,
    }),
    ingressUrl: setting({
      env: 'WMS_SIM_INGRESS_URL',
      schema: url(['http', 'https']).optional(),
      description: 'Where emitted WMS events go, e.g. http://127.0.0.1:3000/webhooks/wms/wms.',
      secret: false,
    }),
  },
});

export type ErpSimulatorConfig = ConfigOf<typeof erpSimulatorConfig>;
