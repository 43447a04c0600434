/**
 * Failures below HTTP that a retry can help with. Node puts the system error code on
 * `error.code`; fetch (undici) wraps it as `TypeError: fetch failed` with the real error
 * in `cause`, and happy-eyeballs connects collect several in an AggregateError, so the
 * whole chain is searched.
 */
import { TransientError } from '@hub/primitives';

export const NETWORK_ERROR_CODES = {
  connectionRefused: 'NETWORK_CONNECTION_REFUSED',
  connectionReset: 'NETWORK_CONNECTION_RESET',
  timeout: 'NETWORK_TIMEOUT',
  dnsTemporary: 'NETWORK_DNS_TEMPORARY',
  unreachable: 'NETWORK_UNREACHABLE',
  aborted: 'REQUEST_ABORTED',
} as const;

const BY_SYSTEM_CODE: Readonly<Record<string, string>> = {
  ECONNREFUSED: NETWORK_ERROR_CODES.connectionRefused,
  ECONNRESET: NETWORK_ERROR_CODES.connectionReset,
  ECONNABORTED: NETWORK_ERROR_CODES.connectionReset,
  EPIPE: NETWORK_ERROR_CODES.connectionReset,
  UND_ERR_SOCKET: NETWORK_ERROR_CODES.connectionReset,
  ETIMEDOUT: NETWORK_ERROR_CODES.timeout,
  UND_ERR_CONNECT_TIMEOUT: NETWORK_ERROR_CODES.timeout,
  UND_ERR_HEADERS_TIMEOUT: NETWORK_ERROR_CODES.timeout,
  UND_ERR_BODY_TIMEOUT: NETWORK_ERROR_CODES.timeout,
  EAI_AGAIN: NETWORK_ERROR_CODES.dnsTemporary,
  ENETUNREACH: NETWORK_ERROR_CODES.unreachable,
  EHOSTUNREACH: NETWORK_ERROR_CODES.unreachable,
};

const BY_NAME: Readonly<Record<string, string>> = {
  // AbortSignal.timeout() rejects with a DOMException named TimeoutError.
  TimeoutError: NETWORK_ERROR_CODES.timeout,
  AbortError: NETWORK_ERROR_CODES.aborted,
};

const MAX_DEPTH = 5;

/** A TransientError when `error` (or anything in its cause chain) is a known network failure; otherwise undefined. */
export function classifyNetworkError(error: unknown): TransientError | undefined {
  const found = findNetworkCode(error, 0);
  if (found === undefined) return undefined;
  return new TransientError(found.code, `${found.code}: ${found.detail}`, { cause: error });
}

interface Found {
  readonly code: string;
  readonly detail: string;
}

function findNetworkCode(error: unknown, depth: number): Found | undefined {
  if (depth > MAX_DEPTH || typeof error !== 'object' || error === null) return undefined;
  const own = ownCode(error);
  if (own !== undefined) return own;
  const nested = [
    ...('cause' in error ? [error.cause] : []),
    ...('errors' in error && Array.isArray(error.errors) ? (error.errors as unknown[]) : []),
  ];
  for (const inner of nested) {
    const found = findNetworkCode(inner, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function ownCode(error: object): Found | undefined {
  const systemCode = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const name = 'name' in error && typeof error.name === 'string' ? error.name : undefined;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  const code =
    (systemCode === undefined ? undefined : BY_SYSTEM_CODE[systemCode]) ??
    (name === undefined ? undefined : BY_NAME[name]) ??
    (message === 'socket hang up' ? NETWORK_ERROR_CODES.connectionReset : undefined);
  return code === undefined ? undefined : { code, detail: message || (systemCode ?? name ?? code) };
}
