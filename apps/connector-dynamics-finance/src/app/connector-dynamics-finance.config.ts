/** The connector-dynamics-finance configuration, declared once (@hub/config renders README's table from it). */
import { defineConfig, hubServiceSettings, withDefaults, type ConfigOf } from '@hub/config';
import { connectorAppSettings, connectorRuntimeSettings } from '@hub/connector-runtime';
import { foSettings } from './fo-settings';

export const connectorDynamicsFinanceConfig = defineConfig({
  ...hubServiceSettings('connector-dynamics-finance'),
  connector: withDefaults(connectorRuntimeSettings, { systemId: 'dynamics-finance' }),
  dynamicsFinance: foSettings,
  ...connectorAppSettings({
    env: 'CONNECTOR_DYNAMICS_FINANCE_PORT',
    default: '3107',
    description: 'HTTP listen port (probes, metrics, /status).',
  }),
});

export type ConnectorDynamicsFinanceConfig = ConfigOf<typeof connectorDynamicsFinanceConfig>;
export type FoConfig = ConnectorDynamicsFinanceConfig['dynamicsFinance'];
