/** Entry point: load and validate configuration, check F&O, start the runtime, listen; drain on SIGTERM. */
import '@hub/observability/src/tracing/start-from-env';
import { runService } from '@hub/service-main';
import { connectorDynamicsFinanceConfig } from './app/connector-dynamics-finance.config';
import { createConnectorDynamicsFinanceApp } from './app/create-connector-dynamics-finance-app';

void runService({
  config: connectorDynamicsFinanceConfig,
  create: (config) => createConnectorDynamicsFinanceApp(config),
  listen: (connector, config) => connector.listen(config.http.port),
});
