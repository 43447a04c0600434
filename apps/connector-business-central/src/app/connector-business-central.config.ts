/** The connector-business-central configuration, declared once (@hub/config renders README's table from it). */
import { defineConfig, hubServiceSettings, withDefaults, type ConfigOf } from '@hub/config';
import { connectorAppSettings, connectorRuntimeSettings } from '@hub/connector-runtime';
import { bcSettings } from './bc-settings';

export const connectorBusinessCentralConfig = defineConfig({
  ...hubServiceSettings('connector-business-central'),
  // Purchase orders have no webhooks in BC: the sweep is their only source (technical debt).
  connector: withDefaults(connectorRuntimeSettings, {
    systemId: 'business-central',
    sweepMode: 'primary',
    sweepInterval: '1m',
  }),
  bc: bcSettings,
  ...connectorAppSettings({
    env: 'CONNECTOR_BUSINESS_CENTRAL_PORT',
    default: '3105',
    description: 'HTTP listen port (probes, metrics, /status).',
  }),
});

export type ConnectorBusinessCentralConfig = ConfigOf<typeof connectorBusinessCentralConfig>;
