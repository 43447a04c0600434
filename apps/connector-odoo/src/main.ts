/** Entry point: load and validate configuration, start the runtime, listen; drain on SIGTERM. */
import { runService } from '@hub/service-main';
import { connectorOdooConfig } from './app/connector-odoo.config';
import { createConnectorOdooApp } from './app/create-connector-odoo-app';

void runService({
  config: connectorOdooConfig,
  create: (config) => createConnectorOdooApp(config),
  listen: async (connector, config) => {
    await connector.start();
    await connector.server.listen({ port: config.http.port, host: '0.0.0.0' });
  },
});
