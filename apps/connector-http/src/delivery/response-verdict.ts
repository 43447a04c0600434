/**
 * What an endpoint's answer means for the delivery (docs/erp-protocols.md §5.2): any 2xx is
 * success; 410 Gone asks the sender to disable the endpoint; 408, 425, 429 and 5xx are
 * transient (Retry-After honoured); every other status, redirects included (the connector
 * never follows them), is permanent.
 */
import { classifyHttpStatus, type Clock, type HttpHeaders, type HubError } from '@hub/resilience';

export type ResponseVerdict =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'gone' }
  | { readonly kind: 'failed'; readonly error: HubError };

export function responseVerdict(
  status: number,
  headers: HttpHeaders,
  clock: Clock,
): ResponseVerdict {
  if (status >= 200 && status <= 299) return { kind: 'delivered' };
  if (status === 410) return { kind: 'gone' };
  return { kind: 'failed', error: classifyHttpStatus(status, headers, clock) };
}
