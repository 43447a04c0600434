/**
 * Every refusal of the admin routes: a stable code that picks the RFC 9457 problem type and
 * status (problem-catalog below), and a message for `detail`.
 */
import { HubError } from '@hub/resilience';

export const problemCatalog = {
  BAD_REQUEST: { status: 400, slug: 'bad-request', title: 'The request is malformed' },
  UNAUTHORIZED: { status: 401, slug: 'unauthorized', title: 'Missing or invalid admin token' },
  UNKNOWN_ENDPOINT: { status: 404, slug: 'unknown-endpoint', title: 'Unknown endpoint' },
  NOT_FOUND: { status: 404, slug: 'not-found', title: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, slug: 'method-not-allowed', title: 'Method not allowed' },
  STORE_UNAVAILABLE: {
    status: 503,
    slug: 'store-unavailable',
    title: 'The endpoint state could not be read or written; retry later',
  },
  INTERNAL_ERROR: { status: 500, slug: 'internal-error', title: 'Internal error' },
} as const satisfies Record<string, { status: number; slug: string; title: string }>;

export type ProblemCode = keyof typeof problemCatalog;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemTypeUri(code: ProblemCode): string {
  return `urn:hub:problem:${problemCatalog[code].slug}`;
}

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
