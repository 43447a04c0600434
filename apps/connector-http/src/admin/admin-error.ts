/**
 * Every refusal of the admin routes: a stable code that picks the RFC 9457 problem type and
 * status (problem-catalog below), and a message for `detail`.
 */
import { routingProblemTypes, type ProblemCatalog } from '@hub/http-problem';
import { HubError } from '@hub/resilience';

export const problemCatalog = {
  ...routingProblemTypes,
  BAD_REQUEST: { status: 400, slug: 'bad-request', title: 'The request is malformed' },
  UNAUTHORIZED: { status: 401, slug: 'unauthorized', title: 'Missing or invalid admin token' },
  UNKNOWN_ENDPOINT: { status: 404, slug: 'unknown-endpoint', title: 'Unknown endpoint' },
  STORE_UNAVAILABLE: {
    status: 503,
    slug: 'store-unavailable',
    title: 'The endpoint state could not be read or written; retry later',
  },
} as const satisfies ProblemCatalog;

export type ProblemCode = keyof typeof problemCatalog;

export class AdminError extends HubError {
  constructor(
    override readonly code: ProblemCode,
    message: string,
    options: { readonly cause?: unknown } = {},
  ) {
    super(code, message, problemCatalog[code].status >= 500, options);
    this.name = 'AdminError';
  }
}
