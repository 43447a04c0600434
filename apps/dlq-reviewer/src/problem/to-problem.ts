/**
 * Maps anything thrown to the reviewer's RFC 9457 problem response (mechanics in
 * @hub/http-problem). Only a real bug yields 500; Fastify's own client errors (body limit,
 * media type, malformed JSON) map to their problem types.
 */
import { NO_ROUTE_DETAIL, createToProblem } from '@hub/http-problem';
import { problemCatalog } from './problem-catalog';
import { ReviewerError } from './reviewer-error';

export const toProblem = createToProblem(problemCatalog, {
  known: (error) =>
    error instanceof ReviewerError
      ? { code: error.code, detail: error.message, extensions: error.extensions }
      : undefined,
  fastifyCodes: {
    FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_REQUEST',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_REQUEST',
    FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_REQUEST',
  },
  statuses: {
    400: 'INVALID_REQUEST',
    404: { code: 'NOT_FOUND', detail: NO_ROUTE_DETAIL },
    405: 'METHOD_NOT_ALLOWED',
    413: 'BODY_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
  },
  internal: 'INTERNAL_ERROR',
});
