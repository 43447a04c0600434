/**
 * RFC 9457 problem types: one stable `type` URI and status per error code. URNs on
 * purpose: stable identifiers that do not pretend to be resolvable pages.
 */
export const problemCatalog = {
  INVALID_REQUEST: { status: 400, slug: 'invalid-request', title: 'The request is invalid' },
  UNAUTHENTICATED: {
    status: 401,
    slug: 'unauthenticated',
    title: 'Missing or invalid credentials',
  },
  FORBIDDEN: { status: 403, slug: 'forbidden', title: 'Your role does not allow this' },
  ITEM_NOT_FOUND: { status: 404, slug: 'item-not-found', title: 'No such dead letter' },
  NOT_FOUND: { status: 404, slug: 'not-found', title: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, slug: 'method-not-allowed', title: 'Method not allowed' },
  INVALID_TRANSITION: {
    status: 409,
    slug: 'invalid-transition',
    title: 'The item is not in a state that allows this',
  },
  NOT_RETRIABLE: {
    status: 409,
    slug: 'not-retriable',
    title: 'The item cannot be redelivered',
  },
  BODY_TOO_LARGE: { status: 413, slug: 'body-too-large', title: 'The body exceeds the limit' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    slug: 'unsupported-media-type',
    title: 'Unsupported content type',
  },
  TOO_MANY_ITEMS: {
    status: 422,
    slug: 'too-many-items',
    title: 'The filter matches more items than one bulk retry may move',
  },
  KAFKA_UNAVAILABLE: {
    status: 503,
    slug: 'kafka-unavailable',
    title: 'The redelivery could not be published; retry later',
  },
  INTERNAL_ERROR: { status: 500, slug: 'internal-error', title: 'Internal error' },
} as const satisfies Record<string, { status: number; slug: string; title: string }>;

export type ProblemCode = keyof typeof problemCatalog;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemTypeUri(code: ProblemCode): string {
  return `urn:hub:problem:${problemCatalog[code].slug}`;
}
