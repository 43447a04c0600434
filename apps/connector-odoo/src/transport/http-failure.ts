/** A failed HTTP status (429, 5xx, other 4xx) as a hub error naming the Odoo and the call. */
import {
  PermanentError,
  TransientError,
  classifyHttpStatus,
  type HttpHeaders,
  type HubError,
} from '@hub/resilience';

export function httpFailure(
  status: number,
  headers: HttpHeaders,
  describe: string,
  detail = '',
): HubError {
  const classified = classifyHttpStatus(status, headers);
  const message = `${describe} failed: ${classified.message}${detail === '' ? '' : `: ${detail}`}`;
  const options = { httpStatus: status, cause: classified };
  return classified instanceof TransientError
    ? new TransientError(classified.code, message, {
        ...options,
        retryAfterMs: classified.retryAfterMs,
      })
    : new PermanentError(classified.code, message, options);
}
