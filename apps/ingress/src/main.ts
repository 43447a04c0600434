/** Entry point: load and validate configuration, build the app, listen; drain on SIGTERM. */
import '@hub/observability/src/tracing/start-from-env';
import { runService } from '@hub/service-main';
import { ingressConfig } from './app/ingress.config';
import { createIngressApp } from './app/create-ingress-app';

void runService({
  config: ingressConfig,
  create: (config) => createIngressApp(config),
  listen: (ingress) => ingress.listen(),
});
