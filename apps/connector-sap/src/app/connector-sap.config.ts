/** The connector-sap configuration, declared once (@hub/config renders README's table from it). */
import { defineConfig, hubServiceSettings, withDefaults, type ConfigOf } from '@hub/config';
import { connectorAppSettings, connectorRuntimeSettings } from '@hub/connector-runtime';
import { sapSettings } from './sap-settings';

export const connectorSapConfig = defineConfig({
  ...hubServiceSettings('connector-sap'),
  connector: withDefaults(connectorRuntimeSettings, { systemId: 'sap' }),
  sap: sapSettings,
  ...connectorAppSettings({
    env: 'CONNECTOR_SAP_PORT',
    default: '3106',
    description: 'HTTP listen port (probes, metrics, /status).',
  }),
});

export type ConnectorSapConfig = ConfigOf<typeof connectorSapConfig>;
export type SapSettings = ConnectorSapConfig['sap'];
