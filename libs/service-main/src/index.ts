// @hub/service-main: the shared start-up and shutdown of every app's main.ts.
export { SHUTDOWN_SIGNALS, runService } from './run-service';
export type {
  LoadableConfig,
  RunnableService,
  ServiceDefinition,
  ServiceProcess,
} from './run-service';
export { createHttpApp, type HttpAppOptions } from './create-http-app';
export { migrateOrRefuse, notMigratedMessage } from './migrate-or-refuse';
