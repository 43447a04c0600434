/** Entry point: load and validate configuration, build the scheduler, listen; drain on SIGTERM. */
import '@hub/observability/src/tracing/start-from-env';
import { runService } from '@hub/service-main';
import { createRetrySchedulerApp } from './app/create-retry-scheduler-app';
import { retrySchedulerConfig } from './app/retry-scheduler.config';

void runService({
  config: retrySchedulerConfig,
  create: (config) => createRetrySchedulerApp(config),
  listen: (scheduler, config) => scheduler.http.listen({ port: config.port, host: '0.0.0.0' }),
});
