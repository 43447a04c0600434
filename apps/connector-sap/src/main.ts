/** Entry point: load and validate configuration, check SAP, start the runtime, listen; drain on SIGTERM. */
import '@hub/observability/src/tracing/start-from-env';
import { runService } from '@hub/service-main';
import { connectorSapConfig } from './app/connector-sap.config';
import { createConnectorSapApp } from './app/create-connector-sap-app';

void runService({
  config: connectorSapConfig,
  create: (config) => createConnectorSapApp(config),
  listen: (connector, config) => connector.listen(config.http.port),
});
