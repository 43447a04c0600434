/** The connector-odoo configuration, declared once (@hub/config renders README's table from it). */
import { defineConfig, hubServiceSettings, withDefaults, type ConfigOf } from '@hub/config';
import { connectorAppSettings, connectorRuntimeSettings } from '@hub/connector-runtime';
import { odooSettings } from './odoo-settings';

export const connectorOdooConfig = defineConfig({
  ...hubServiceSettings('connector-odoo'),
  connector: withDefaults(connectorRuntimeSettings, { systemId: 'odoo' }),
  odoo: odooSettings,
  ...connectorAppSettings({
    env: 'CONNECTOR_ODOO_PORT',
    default: '3101',
    description: 'HTTP listen port (probes, metrics, /status).',
  }),
});

export type ConnectorOdooConfig = ConfigOf<typeof connectorOdooConfig>;
