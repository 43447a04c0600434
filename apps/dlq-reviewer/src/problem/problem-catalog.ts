/** The reviewer's RFC 9457 problem types (URNs and sending: @hub/http-problem). */
import { bodyProblemTypes, routingProblemTypes, type ProblemCatalog } from '@hub/http-problem';

export const problemCatalog = {
  ...routingProblemTypes,
  ...bodyProblemTypes,
  INVALID_REQUEST: { status: 400, slug: 'invalid-request', title: 'The request is invalid' },
  UNAUTHENTICATED: {
    status: 401,
    slug: 'unauthenticated',
    title: 'Missing or invalid credentials',
  },
  FORBIDDEN: { status: 403, slug: 'forbidden', title: 'Your role does not allow this' },
  ITEM_NOT_FOUND: { status: 404, slug: 'item-not-found', title: 'No such dead letter' },
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
  TOO_MANY_ITEMS: {
    status: 422,
    slug: 'too-many-items',
    title: 'The filter matches more items than one bulk retry may move',
  },
  NOTHING_TO_REPLAY: {
    status: 404,
    slug: 'nothing-to-replay',
    title: 'The hub has no stored dead letter for this key or correlation id',
  },
  UNKNOWN_CONNECTOR: {
    status: 404,
    slug: 'unknown-connector',
    title: 'No such connector in DLQ_RECONCILE_CONNECTORS',
  },
  CONNECTOR_REFUSED: {
    status: 409,
    slug: 'connector-refused',
    title: 'The connector refused the reconciliation request',
  },
  CONNECTOR_UNREACHABLE: {
    status: 502,
    slug: 'connector-unreachable',
    title: 'The connector could not be reached or failed; retry later',
  },
  KAFKA_UNAVAILABLE: {
    status: 503,
    slug: 'kafka-unavailable',
    title: 'The redelivery could not be published; retry later',
  },
} as const satisfies ProblemCatalog;

export type ProblemCode = keyof typeof problemCatalog;
