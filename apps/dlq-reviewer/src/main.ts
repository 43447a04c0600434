/** Entry point: load and validate configuration, build the app, listen; drain on SIGTERM. */
import '@hub/observability/src/tracing/start-from-env';
import { runService } from '@hub/service-main';
import { dlqReviewerConfig } from './app/dlq-reviewer.config';
import { createDlqReviewerApp } from './app/create-dlq-reviewer-app';

void runService({
  config: dlqReviewerConfig,
  create: (config) => createDlqReviewerApp(config),
  listen: (reviewer) => reviewer.listen(),
});
