/**
 * SAP answers → the hub's errors. The OData V2 error JSON (`error.code`, `error.message.value`,
 * `innererror.errordetails`) keeps SAP's message text unchanged in the error message, after
 * the T100 code, so it reaches the dead letter as SAP wrote it. The HTTP status decides
 * transient or permanent the way it does for every connector (5xx, 429, 408 retried).
 */
import { httpFailure } from '@hub/connector-runtime';
import { PermanentError, TransientError, type HttpHeaders, type HubError } from '@hub/resilience';

export const SAP_ERROR_CODES = {
  /** SAP refused the request with its error JSON (validation, business rule). */
  refused: 'SAP_REFUSED',
  /** SAP failed with its error JSON on a 5xx or a lock: worth a retry. */
  failed: 'SAP_FAILED',
  logonFailed: 'SAP_LOGON_FAILED',
  csrfRefused: 'SAP_CSRF_REFUSED',
  oauthFailed: 'SAP_OAUTH_FAILED',
  unexpectedAnswer: 'SAP_UNEXPECTED_ANSWER',
} as const;

export interface SapErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly severity: string;
}

export interface SapODataErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details: readonly SapErrorDetail[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The OData V2 error of a response body, if it is one. */
export function parseODataError(body: unknown): SapODataErrorBody | undefined {
  const parsed: unknown = typeof body === 'string' ? safeJson(body) : body;
  if (!isObject(parsed) || !isObject(parsed.error)) return undefined;
  const { error } = parsed;
  const message = isObject(error.message) ? textOf(error.message.value) : textOf(error.message);
  const inner = isObject(error.innererror) ? error.innererror : {};
  const rawDetails = Array.isArray(inner.errordetails) ? (inner.errordetails as unknown[]) : [];
  const details = rawDetails.filter(isObject).map((d) => ({
    code: textOf(d.code),
    message: textOf(d.message),
    severity: textOf(d.severity),
  }));
  return { code: textOf(error.code), message, details };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A non-2xx answer as a hub error naming the call. With SAP's error JSON the message is
 * `<call> refused (<T100 code>): <SAP's text>` plus the other error details; without it, the
 * generic HTTP classification.
 */
export function sapFailure(
  status: number,
  headers: HttpHeaders,
  body: unknown,
  describe: string,
): HubError {
  const odata = parseODataError(body);
  const generic = httpFailure(status, headers, describe);
  if (odata === undefined || odata.message === '')
    return status === 401
      ? new PermanentError(SAP_ERROR_CODES.logonFailed, generic.message, {
          httpStatus: 401,
          cause: generic,
        })
      : generic;
  const others = odata.details
    .filter((d) => d.message !== '' && d.message !== odata.message)
    .map((d) => `${d.code === '' ? '' : `${d.code}: `}${d.message}`);
  const message = `${describe} ${status >= 500 ? 'failed' : 'refused'} (${odata.code === '' ? `HTTP ${status}` : odata.code}): ${odata.message}${others.length === 0 ? '' : ` (also: ${others.join('; ')})`}`;
  const options = { httpStatus: status, cause: generic };
  if (generic instanceof TransientError)
    return new TransientError(SAP_ERROR_CODES.failed, message, {
      ...options,
      retryAfterMs: generic.retryAfterMs,
    });
  if (status === 401) return new PermanentError(SAP_ERROR_CODES.logonFailed, message, options);
  return new PermanentError(SAP_ERROR_CODES.refused, message, options);
}
