/**
 * F&O's failed answers as the hub's errors, with F&O's own text kept for the operator.
 * Write failures are HTTP 500 with the Infolog in `innererror.message`: an
 * `AxODataWriteException` (validation, "record already exists") or an X++ error thrown by
 * an action is permanent, unless the Infolog says the database was busy (deadlock, update
 * conflict), which a retry can help. A 500 without either type (the platform failed, the
 * write may or may not have committed) is transient, and so are 429 (with Retry-After)
 * and the other 5xx. 401 is an auth failure (the token is renewed once), 404 names what
 * does not exist, other 4xx are permanent.
 */
import { httpFailure, type HttpResponse } from '@hub/connector-runtime';
import { PermanentError, TransientError, type Clock, type HubError } from '@hub/resilience';

export const FO_ERROR_CODES = {
  writeRefused: 'FO_WRITE_REFUSED',
  actionRefused: 'FO_ACTION_REFUSED',
  writeConflict: 'FO_WRITE_CONFLICT',
  notFound: 'FO_NOT_FOUND',
  unauthorized: 'FO_UNAUTHORIZED',
  badRequest: 'FO_BAD_REQUEST',
  authRefused: 'FO_AUTH_REFUSED',
  authUnavailable: 'FO_AUTH_UNAVAILABLE',
  unexpectedAnswer: 'FO_UNEXPECTED_ANSWER',
} as const;

const WRITE_EXCEPTION = 'AxODataWriteException';
const XPP_EXCEPTION = 'Microsoft.Dynamics.Ax.Xpp.ErrorException';
/** Infolog texts of a busy database: the same write can succeed on a retry. */
const BUSY = /deadlock|update conflict|another user|could not be processed at this time|timeout/i;

export interface FoErrorDetail {
  readonly message: string | undefined;
  readonly infolog: string | undefined;
  readonly type: string | undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The OData error JSON's parts; all undefined for a body that is not one (an HTML 503). */
export function foErrorDetail(body: string): FoErrorDetail {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const error =
    typeof parsed === 'object' && parsed !== null && 'error' in parsed ? parsed.error : undefined;
  if (typeof error !== 'object' || error === null)
    return { message: undefined, infolog: undefined, type: undefined };
  const fields = error as Record<string, unknown>;
  const inner = (
    typeof fields.innererror === 'object' && fields.innererror !== null ? fields.innererror : {}
  ) as Record<string, unknown>;
  return {
    message: textOf(fields.message),
    infolog: textOf(inner.message),
    type: textOf(inner.type),
  };
}

export function foFailure(response: HttpResponse, describe: string, clock?: Clock): HubError {
  const detail = foErrorDetail(response.text);
  const text = detail.infolog ?? detail.message ?? '';
  const { status } = response;
  const options = { httpStatus: status };
  if (status === 401)
    return new PermanentError(
      FO_ERROR_CODES.unauthorized,
      `${describe} failed: HTTP 401 (the token was refused: is the app registered in F&O under Microsoft Entra applications, and enabled?)`,
      options,
    );
  if (status >= 500 && detail.type !== undefined) {
    const write = detail.type.endsWith(WRITE_EXCEPTION);
    const action = detail.type === XPP_EXCEPTION;
    if ((write || action) && BUSY.test(text))
      return new TransientError(
        FO_ERROR_CODES.writeConflict,
        `${describe} failed: ${text}`,
        options,
      );
    if (write || action)
      return new PermanentError(
        write ? FO_ERROR_CODES.writeRefused : FO_ERROR_CODES.actionRefused,
        `${describe} refused by F&O: ${text}`,
        options,
      );
  }
  if (status === 404)
    return new PermanentError(
      FO_ERROR_CODES.notFound,
      `${describe} failed: HTTP 404 ${text}`,
      options,
    );
  if (status >= 400 && status < 500 && status !== 408 && status !== 425 && status !== 429)
    return new PermanentError(
      FO_ERROR_CODES.badRequest,
      `${describe} failed: HTTP ${status} ${text}`,
      options,
    );
  return httpFailure(status, response.headers, describe, text, clock);
}

export function isAuthFailure(error: unknown): boolean {
  return error instanceof PermanentError && error.code === FO_ERROR_CODES.unauthorized;
}
