/**
 * The ingress's RFC 9457 problem types (URNs and sending: @hub/http-problem). There is no
 * "unknown system" type: an unknown system id gets its route's wrong-credential answer
 * (webhook-common/known-system.ts), and only the log and metric reason say unknown-system.
 */
import {
  bodyProblemTypes,
  routingProblemTypes,
  typeUriOf,
  type ProblemCatalog,
} from '@hub/http-problem';

export { PROBLEM_CONTENT_TYPE } from '@hub/http-problem';

export const problemCatalog = {
  ...routingProblemTypes,
  ...bodyProblemTypes,
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
  OUT_OF_SCOPE: {
    status: 403,
    slug: 'out-of-scope',
    title: 'No scope of the ownership policy covers this entity',
  },
  TOO_MANY_FAILURES: {
    status: 429,
    slug: 'too-many-failures',
    title: 'Too many failed authentications from this address',
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
} as const satisfies ProblemCatalog;

export type ProblemCode = keyof typeof problemCatalog;

export const problemTypeUri = typeUriOf(problemCatalog);
