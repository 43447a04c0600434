/**
 * RFC 9457 problem types: one stable `type` URI and status per error code. The URIs are
 * URNs on purpose: stable identifiers that do not pretend to be resolvable pages.
 */
export const problemCatalog = {
  INVALID_PAYLOAD: { status: 400, slug: 'invalid-payload', title: 'The payload is invalid' },
  SIGNATURE_INVALID: {
    status: 401,
    slug: 'signature-invalid',
    title: 'Missing or invalid signature',
  },
  TIMESTAMP_OUT_OF_TOLERANCE: {
    status: 401,
    slug: 'timestamp-out-of-tolerance',
    title: 'Webhook timestamp outside the tolerance',
  },
  TOKEN_INVALID: { status: 401, slug: 'token-invalid', title: 'Missing or invalid token' },
  REVERSE_DIRECTION_WRITE: {
    status: 403,
    slug: 'reverse-direction-write',
    title: 'The sender does not own this entity type',
  },
  UNKNOWN_SYSTEM: { status: 404, slug: 'unknown-system', title: 'Unknown system' },
  NOT_FOUND: { status: 404, slug: 'not-found', title: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, slug: 'method-not-allowed', title: 'Method not allowed' },
  BODY_TOO_LARGE: { status: 413, slug: 'body-too-large', title: 'The body exceeds the limit' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    slug: 'unsupported-media-type',
    title: 'Unsupported content type',
  },
  KAFKA_UNAVAILABLE: {
    status: 503,
    slug: 'kafka-unavailable',
    title: 'The event could not be stored; retry later',
  },
  STORE_UNAVAILABLE: {
    status: 503,
    slug: 'store-unavailable',
    title: 'The refusal could not be recorded; retry later',
  },
  INTERNAL_ERROR: { status: 500, slug: 'internal-error', title: 'Internal error' },
} as const satisfies Record<string, { status: number; slug: string; title: string }>;

export type ProblemCode = keyof typeof problemCatalog;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemTypeUri(code: ProblemCode): string {
  return `urn:hub:problem:${problemCatalog[code].slug}`;
}
