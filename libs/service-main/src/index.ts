// @hub/service-main: the shared start-up and shutdown of every app's main.ts.
export { SHUTDOWN_SIGNALS, runService } from './run-service';
export type {
  LoadableConfig,
  RunnableService,
  ServiceDefinition,
  ServiceProcess,
} from './run-service';
export { createHttpApp, type HttpAppOptions } from './create-http-app';
export {
  createHttpService,
  type HttpService,
  type HttpServiceOptions,
  type ListenAddresses,
  type ListeningUrls,
} from './http-service';
export { adminPortProblems, refuseUnsafeAdminPort, type AdminPortSettings } from './admin-port';
export { migrateOrRefuse, notMigratedMessage } from './migrate-or-refuse';
