/**
 * HTTP and network failures as the hub's errors, so the runtime routes them without knowing
 * the protocol: a retry can help (timeouts, resets, 408/425/429/5xx, with the server's
 * Retry-After) or it cannot (other 4xx, refused redirects, oversized answers).
 */
import {
  PermanentError,
  TransientError,
  classifyHttpStatus,
  classifyNetworkError,
  errorMessage,
  systemClock,
  type Clock,
  type HttpHeaders,
  type HubError,
} from '@hub/resilience';

export const HTTP_CLIENT_ERROR_CODES = {
  /** Below HTTP but not a known network failure: still worth a retry, the request may not have arrived. */
  unreachable: 'HTTP_UNREACHABLE',
  redirectRefused: 'HTTP_REDIRECT_REFUSED',
  responseTooLarge: 'HTTP_RESPONSE_TOO_LARGE',
} as const;

/** A failed status naming the call (`describe`, e.g. `Odoo odoo stock.quant.create`), with httpStatus and retryAfterMs. */
export function httpFailure(
  status: number,
  headers: HttpHeaders,
  describe: string,
  detail = '',
  clock: Clock = systemClock,
): HubError {
  const classified = classifyHttpStatus(status, headers, clock);
  const message = `${describe} failed: ${classified.message}${detail === '' ? '' : `: ${detail}`}`;
  const options = { httpStatus: status, cause: classified };
  return classified instanceof TransientError
    ? new TransientError(classified.code, message, {
        ...options,
        retryAfterMs: classified.retryAfterMs,
      })
    : new PermanentError(classified.code, message, options);
}

/** Anything thrown below HTTP: transient, since the request may never have reached the server. */
export function networkFailure(error: unknown, describe: string): TransientError {
  const classified = classifyNetworkError(error);
  return new TransientError(
    classified?.code ?? HTTP_CLIENT_ERROR_CODES.unreachable,
    `${describe} failed: ${classified?.message ?? errorMessage(error)}`,
    { cause: error },
  );
}

export function redirectRefused(
  status: number,
  location: string,
  describe: string,
): PermanentError {
  return new PermanentError(
    HTTP_CLIENT_ERROR_CODES.redirectRefused,
    `${describe} failed: HTTP ${status} redirect to ${location === '' ? '(no location)' : location} refused (redirects are followed only when the call asks for them; check the configured URL)`,
    { httpStatus: status },
  );
}

export function responseTooLarge(limit: number, describe: string): PermanentError {
  return new PermanentError(
    HTTP_CLIENT_ERROR_CODES.responseTooLarge,
    `${describe} failed: the response is larger than ${limit} bytes`,
  );
}
