/**
 * Which HTTP failures a retry can help with. 408 Request Timeout, 425 Too Early,
 * 429 Too Many Requests and every 5xx are transient; every other status handed here
 * (other 4xx, or an unexpected 1xx-3xx) is permanent. Retry-After is honoured whenever
 * the server sends it with a transient status (RFC 9110 §10.2.3 names 503 and 429).
 */
import { systemClock, type Clock } from '@hub/primitives';
import { PermanentError, TransientError } from '@hub/primitives';
import { headerValue, type HttpHeaders } from './http-headers';
import { parseRetryAfter } from './retry-after';

export const HTTP_ERROR_CODES = {
  requestTimeout: 'HTTP_REQUEST_TIMEOUT',
  tooEarly: 'HTTP_TOO_EARLY',
  rateLimited: 'HTTP_RATE_LIMITED',
  serverError: 'HTTP_SERVER_ERROR',
  clientError: 'HTTP_CLIENT_ERROR',
  unexpectedStatus: 'HTTP_UNEXPECTED_STATUS',
} as const;

const TRANSIENT_CODES: Readonly<Record<number, string>> = {
  408: HTTP_ERROR_CODES.requestTimeout,
  425: HTTP_ERROR_CODES.tooEarly,
  429: HTTP_ERROR_CODES.rateLimited,
};

/** Classifies a failed response; call it only for statuses the caller treats as failure. */
export function classifyHttpStatus(
  status: number,
  headers?: HttpHeaders,
  clock: Clock = systemClock,
): TransientError | PermanentError {
  const transientCode =
    TRANSIENT_CODES[status] ??
    (status >= 500 && status <= 599 ? HTTP_ERROR_CODES.serverError : undefined);
  if (transientCode !== undefined) {
    const retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'), clock.now());
    const wait = retryAfterMs === undefined ? '' : ` (retry after ${retryAfterMs} ms)`;
    return new TransientError(transientCode, `HTTP ${status}${wait}`, {
      httpStatus: status,
      retryAfterMs,
    });
  }
  const code =
    status >= 400 && status <= 499
      ? HTTP_ERROR_CODES.clientError
      : HTTP_ERROR_CODES.unexpectedStatus;
  return new PermanentError(code, `HTTP ${status}`, { httpStatus: status });
}
