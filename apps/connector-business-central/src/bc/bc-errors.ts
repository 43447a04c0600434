/**
 * Business Central's OData errors (`{"error":{"code","message"}}`) as the hub's errors,
 * the message kept for the operator: 408/429/5xx transient with Retry-After (the kit's
 * HTTP classification), a stale ETag (409 `Request_EntityChanged`, or 412) its own class
 * so a write can re-read and re-apply, everything else permanent with code `BC_<code>`.
 */
import { httpFailure, type HttpResponse } from '@hub/connector-runtime';
import { PermanentError, TransientError, type Clock, type HubError } from '@hub/resilience';

export class BcStaleEtagError extends TransientError {
  constructor(describe: string, message: string) {
    super('BC_STALE_ETAG', `${describe}: another user changed the record (${message})`, {
      httpStatus: 409,
    });
  }
}

export interface BcODataErrorBody {
  readonly code: string;
  readonly message: string;
}

export function odataErrorOf(text: string): BcODataErrorBody | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = parsed.error ?? {};
    if (typeof code === 'string')
      return { code, message: typeof message === 'string' ? message : '' };
  } catch {
    // not JSON: a gateway page
  }
  return undefined;
}

export function bcFailure(response: HttpResponse, describe: string, clock: Clock): HubError {
  const error = odataErrorOf(response.text);
  const detail = error === undefined ? '' : `${error.code}: ${error.message}`;
  if (error?.code === 'Request_EntityChanged' || response.status === 412)
    return new BcStaleEtagError(describe, detail);
  const classified = httpFailure(response.status, response.headers, describe, detail, clock);
  if (classified instanceof TransientError || error === undefined) return classified;
  return new PermanentError(`BC_${error.code}`, classified.message, {
    httpStatus: response.status,
  });
}
