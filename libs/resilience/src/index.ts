export { systemClock, type Clock } from '@hub/primitives';

export {
  ERROR_CLASSES,
  HubError,
  PermanentError,
  TransientError,
  errorMessage,
  isHubError,
  type ErrorClass,
  type HubErrorOptions,
  type TransientErrorOptions,
} from '@hub/primitives';
export { HTTP_ERROR_CODES, classifyHttpStatus } from './errors/http-status';
export type { HttpHeaders } from './errors/http-headers';
export { parseRetryAfter } from './errors/retry-after';
export { parseHttpDate } from './errors/http-date';
export { NETWORK_ERROR_CODES, classifyNetworkError } from './errors/network-error';
export {
  UNCLASSIFIED_ERROR,
  classifyError,
  toErrorRecord,
  type ErrorRecord,
} from './errors/error-record';

export { INVALID_SCHEDULE, InvalidScheduleError } from './backoff/invalid-schedule-error';
export { requireDuration } from './backoff/duration';
export {
  DEFAULT_MAX_AGE,
  DEFAULT_SCHEDULE,
  EXHAUSTED,
  defaultSchedule,
  parseSchedule,
  type BackoffSchedule,
  type Exhausted,
  type ScheduleOptions,
} from './backoff/schedule';

export {
  CIRCUIT_STATES,
  CircuitBreaker,
  INITIAL_BREAKER_RECORD,
  type BreakerRecord,
  type BreakerSnapshot,
  type WindowEntry,
  type CircuitState,
  type Outcome,
  type StateChange,
  type TransitionReason,
} from './breaker/circuit-breaker';
export {
  DEFAULT_BREAKER_OPTIONS,
  INVALID_BREAKER_OPTIONS,
  type CircuitBreakerOptions,
} from './breaker/breaker-options';

export {
  INVALID_RATE_LIMIT,
  TokenBucket,
  type TokenBucketOptions,
} from './rate-limit/token-bucket';
export { take, timerSleep, type Sleep, type TakeOptions } from './rate-limit/take';
export {
  SharedRateLimiter,
  defaultBatch,
  type SharedRateLimiterOptions,
  type SharedTokens,
} from './rate-limit/shared-rate-limiter';
