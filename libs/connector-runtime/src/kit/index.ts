// The connector kit: protocol-independent parts a connector's adapters build on.
export {
  HTTP_CLIENT_DEFAULTS,
  HttpClient,
  sharedHttpClient,
  type HttpClientOptions,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
} from './http/http-client';
export {
  HTTP_CLIENT_ERROR_CODES,
  httpFailure,
  networkFailure,
  redirectRefused,
  responseTooLarge,
} from './http/http-failure';
export {
  CredentialCache,
  type CredentialCacheOptions,
  type FetchedCredential,
} from './credentials/credential-cache';
export { entraIdTokenCache, type EntraTokenOptions } from './credentials/entra-id';
export { runSteps, type StepResults, type WriteStep } from './steps/run-steps';
export {
  JobRunner,
  type JobRunnerOptions,
  type PeriodicJob,
  type TickResult,
} from './jobs/job-runner';
export { jobMetrics, type JobMetrics } from './jobs/job-metrics';
export { InMemoryJobLease, PostgresJobLease, type JobLease } from '../persistence/job-lease';
export { TtlCache, type TtlCacheOptions } from './cache/ttl-cache';
export {
  sweepPage,
  type PagedSweepOptions,
  type PagedSweepResult,
  type PagedSweepSource,
} from './sweep/paged-sweep';
export {
  CreateNotificationMarks1767916800000,
  NotificationMarks,
  ownTablesDataSource,
  type OwnTablesOptions,
} from './marks/notification-marks';
export {
  EntityWriteAdapter,
  UNSUPPORTED_ENTITY_TYPE,
  type EntityWriter,
  type EntityWriters,
} from './write/entity-write-adapter';
export { untilReachable, type ReachOptions } from './startup/until-reachable';
