/** Entry point: load and validate configuration, build the connector, listen; drain on SIGTERM. */
import '@hub/observability/src/tracing/start-from-env';
import { runService } from '@hub/service-main';
import { connectorHttpConfig } from './app/connector-http.config';
import { createConnectorHttpApp } from './app/create-connector-http-app';

void runService({
  config: connectorHttpConfig,
  create: (config) => createConnectorHttpApp(config),
  listen: (connector, config) => connector.listen(config.http.port),
});
