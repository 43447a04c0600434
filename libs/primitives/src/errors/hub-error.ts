/**
 * The hub's error tree. One bit decides where a failed write goes: `retriable` (a retry
 * can help: retry queue) or not (dead-letter queue). The `code` is stable and survives
 * serialization into outcome and dead-letter records.
 */
export const ERROR_CLASSES = ['transient', 'permanent'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export interface HubErrorOptions {
  readonly cause?: unknown;
  /** The HTTP status that revealed the failure, when there was one. */
  readonly httpStatus?: number;
}

export class HubError extends Error {
  readonly httpStatus: number | undefined;

  constructor(
    readonly code: string,
    message: string,
    readonly retriable: boolean,
    options: HubErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.httpStatus = options.httpStatus;
  }

  get errorClass(): ErrorClass {
    return this.retriable ? 'transient' : 'permanent';
  }
}

export interface TransientErrorOptions extends HubErrorOptions {
  /** How long the other side asked us to wait (e.g. from Retry-After), in ms. */
  readonly retryAfterMs?: number;
}

/** A retry can help: network failure, timeout, 5xx, 429. */
export class TransientError extends HubError {
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, options: TransientErrorOptions = {}) {
    super(code, message, true, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Retrying cannot help: validation, business rule, policy. Goes to the dead-letter queue. */
export class PermanentError extends HubError {
  constructor(code: string, message: string, options: HubErrorOptions = {}) {
    super(code, message, false, options);
  }
}

/**
 * The message of anything thrown. Duck-typed: errors from another realm (a vm context,
 * jest's sandbox) fail `instanceof Error`.
 */
export function errorMessage(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string'
  ) {
    return error.message;
  }
  return String(error);
}

export function isHubError(error: unknown): error is HubError {
  return error instanceof HubError;
}
