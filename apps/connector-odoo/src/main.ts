/** Entry point: load and validate configuration, check Odoo, start the runtime, listen; drain on SIGTERM. */
import '@hub/observability/src/tracing/start-from-env';
import { runService } from '@hub/service-main';
import { connectorOdooConfig } from './app/connector-odoo.config';
import { createConnectorOdooApp } from './app/create-connector-odoo-app';

void runService({
  config: connectorOdooConfig,
  create: (config) => createConnectorOdooApp(config),
  listen: (connector, config) => connector.listen(config.http.port),
});
