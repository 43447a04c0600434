/**
 * Odoo's exceptions → the hub's error tree. Odoo reports them as `error.data.name` on
 * JSON-RPC (HTTP 200, docs/erp-protocols.md §1.2), as the body `name` on JSON-2 (§1.4) and as an
 * integer faultCode on XML-RPC (§1.3). Business refusals are permanent: the same call fails
 * the same way until a human changes data or rights. Database contention is transient.
 */
import { PermanentError, TransientError, type HubError } from '@hub/resilience';

export const ODOO_ERROR_CODES = {
  validation: 'ODOO_VALIDATION',
  userError: 'ODOO_USER_ERROR',
  missingRecord: 'ODOO_MISSING_RECORD',
  accessError: 'ODOO_ACCESS_ERROR',
  accessDenied: 'ODOO_ACCESS_DENIED',
  sessionExpired: 'ODOO_SESSION_EXPIRED',
  authFailed: 'ODOO_AUTH_FAILED',
  databaseBusy: 'ODOO_DATABASE_BUSY',
  serverError: 'ODOO_SERVER_ERROR',
  invalidResponse: 'ODOO_INVALID_RESPONSE',
} as const;

/** What an Odoo error says, whichever transport carried it. */
export interface OdooErrorInfo {
  /** Dotted exception class, e.g. `odoo.exceptions.ValidationError`; may be empty. */
  readonly name: string;
  readonly message: string;
  /** JSON-RPC `error.code` (100 = session expired, 404 = not found), when known. */
  readonly rpcCode?: number;
}

const permanentByClass: Readonly<Record<string, string>> = {
  ValidationError: ODOO_ERROR_CODES.validation,
  UserError: ODOO_ERROR_CODES.userError,
  Warning: ODOO_ERROR_CODES.userError,
  RedirectWarning: ODOO_ERROR_CODES.userError,
  MissingError: ODOO_ERROR_CODES.missingRecord,
  AccessError: ODOO_ERROR_CODES.accessError,
  AccessDenied: ODOO_ERROR_CODES.accessDenied,
};

/** Serialization failures and lock timeouts: Odoo retries some itself; what still escapes may pass later. */
const transientClassPattern =
  /psycopg2|SerializationFailure|LockNotAvailable|OperationalError|DeadlockDetected/;

function shortClass(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** Maps one Odoo error of `operation` (e.g. `stock.quant.create`) on system `systemId`. */
export function odooErrorToHubError(
  info: OdooErrorInfo,
  operation: string,
  systemId: string,
  httpStatus?: number,
): HubError {
  const className = shortClass(info.name);
  const text = info.message.trim() === '' ? 'no message' : info.message.trim();
  const message = `Odoo ${systemId} refused ${operation}: ${text}${info.name === '' ? '' : ` (${info.name})`}`;
  const options = httpStatus === undefined ? {} : { httpStatus };
  if (info.rpcCode === 100 || className === 'SessionExpiredException')
    return new TransientError(ODOO_ERROR_CODES.sessionExpired, message, options);
  const permanentCode = permanentByClass[className];
  if (permanentCode !== undefined) return new PermanentError(permanentCode, message, options);
  if (transientClassPattern.test(info.name) || transientClassPattern.test(info.message))
    return new TransientError(ODOO_ERROR_CODES.databaseBusy, message, options);
  return new PermanentError(ODOO_ERROR_CODES.serverError, message, options);
}

/** XML-RPC `/xmlrpc/2` fault codes (rpc.py `xmlrpc_handle_exception_int`). */
export function xmlRpcFaultToInfo(faultCode: unknown, faultString: string): OdooErrorInfo {
  switch (faultCode) {
    case 2:
      return { name: 'odoo.exceptions.UserError', message: faultString };
    case 3:
      return { name: 'odoo.exceptions.AccessDenied', message: faultString };
    case 4:
      return { name: 'odoo.exceptions.AccessError', message: faultString };
    default:
      // Fault 1 carries a traceback; its last line names the exception.
      return { name: lastTracebackClass(faultString), message: lastLine(faultString) };
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines[lines.length - 1]?.trim() ?? text;
}

function lastTracebackClass(text: string): string {
  const match = /^([\w.]+(?:Error|Exception|Failure|Warning))\b/.exec(lastLine(text));
  return match?.[1] ?? '';
}

/** Over XML-RPC a method returning None is a fault, although the work was done and committed (§1.3). */
export function isMarshalNoneFault(faultString: string): boolean {
  return /cannot marshal None/.test(faultString);
}

/** AccessDenied on a call (key revoked, password changed) or an expired session: log in again. */
export function needsNewLogin(error: unknown): boolean {
  return (
    (error instanceof PermanentError && error.code === ODOO_ERROR_CODES.accessDenied) ||
    (error instanceof TransientError && error.code === ODOO_ERROR_CODES.sessionExpired)
  );
}

export function authFailed(systemId: string, login: string, db: string): PermanentError {
  return new PermanentError(
    ODOO_ERROR_CODES.authFailed,
    `Odoo ${systemId} refused the login "${login}" on database "${db}": check ODOO_LOGIN and ODOO_PASSWORD/ODOO_API_KEY (not retried: repeated failures trip Odoo's login cooldown)`,
  );
}

export function invalidResponse(
  systemId: string,
  operation: string,
  detail: string,
): TransientError {
  return new TransientError(
    ODOO_ERROR_CODES.invalidResponse,
    `Odoo ${systemId} answered ${operation} with something that is not an Odoo response: ${detail}`,
  );
}
