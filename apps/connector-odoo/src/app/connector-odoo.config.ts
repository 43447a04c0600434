/** The connector-odoo configuration, declared once (@hub/config renders README's table from it). */
import {
  defineConfig,
  hubServiceSettings,
  port,
  setting,
  text,
  withDefaults,
  type ConfigOf,
} from '@hub/config';
import { connectorRuntimeSettings } from '@hub/connector-runtime';
import { DEFAULT_POLICY_PATH } from '@hub/ownership';
import { odooSettings } from './odoo-settings';

export const connectorOdooConfig = defineConfig({
  ...hubServiceSettings('connector-odoo'),
  connector: withDefaults(connectorRuntimeSettings, { systemId: 'odoo' }),
  odoo: odooSettings,
  http: {
    port: setting({
      env: 'CONNECTOR_ODOO_PORT',
      schema: port(),
      description: 'HTTP listen port (probes, metrics, /status).',
      default: '3101',
      secret: false,
    }),
  },
  ownershipPolicyPath: setting({
    env: 'OWNERSHIP_POLICY_PATH',
    schema: text(),
    description: 'Ownership policy file (YAML or JSON).',
    default: DEFAULT_POLICY_PATH,
    secret: false,
  }),
});

export type ConnectorOdooConfig = ConfigOf<typeof connectorOdooConfig>;
