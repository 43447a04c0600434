export {
  IdempotencyStore,
  DEFAULT_PURGE_AGE_MS,
  DEFAULT_IN_DOUBT_HOLD_MS,
  type IdempotencyStoreOptions,
} from './idempotency-store';
export type { Batching, Settled } from './group-commit';
export type { BeginSettled } from './store/begin-write';
export type {
  AlreadyDone,
  AppliedVersion,
  BeginAnswer,
  BeginRequest,
  CompletedSteps,
  CompleteOutcome,
  FailedPermanently,
  HeldByInDoubt,
  InFlightElsewhere,
  RecordBusy,
  RecordClaim,
  WriteSemantics,
  Proceed,
  Superseded,
  WriteRecord,
  WriteState,
} from './write-types';
export type { JsonValue } from './json-value';
export { systemClock, type Clock } from '@hub/primitives';
export { isStale } from './is-stale';
export { leaseIsLive } from './lease';
export { IdempotencyError, type IdempotencyErrorCode } from './idempotency-error';
export { AppliedVersionEntity, WriteRecordEntity, idempotencyEntities } from './entities';
export {
  AddArrivalOrderAndRecordClaims1767398400000,
  AddTargetReferenceIndex1796342400000,
  CreateIdempotencyTables1764201600000,
  idempotencyMigrations,
} from './migrations';
export {
  idempotencyDataSourceOptions,
  idempotencyMigrationsTable,
  type IdempotencyDataSourceOptions,
  type IdempotencyDataSourceSettings,
} from './data-source-options';
export { qualifiedTable } from './sql-names';
