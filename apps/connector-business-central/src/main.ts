/** Entry point: load and validate configuration, check Business Central, start the runtime, listen; drain on SIGTERM. */
import '@hub/observability/src/tracing/start-from-env';
import { runService } from '@hub/service-main';
import { connectorBusinessCentralConfig } from './app/connector-business-central.config';
import { createConnectorBusinessCentralApp } from './app/create-connector-business-central-app';

void runService({
  config: connectorBusinessCentralConfig,
  create: (config) => createConnectorBusinessCentralApp(config),
  listen: (connector, config) => connector.listen(config.http.port),
});
