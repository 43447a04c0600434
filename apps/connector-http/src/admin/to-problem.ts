/** Anything thrown by an admin route → an RFC 9457 problem response. Pure; only a bug yields 500. */
import { NO_ROUTE_DETAIL, createToProblem } from '@hub/http-problem';
import { AdminError, problemCatalog } from './admin-error';

export const toProblem = createToProblem(problemCatalog, {
  known: (error) =>
    error instanceof AdminError ? { code: error.code, detail: error.message } : undefined,
  statuses: {
    404: { code: 'NOT_FOUND', detail: NO_ROUTE_DETAIL },
    405: { code: 'METHOD_NOT_ALLOWED', detail: 'Method not allowed.' },
  },
  // Fastify's own client errors (a JSON content type with an empty body, a body too large).
  otherClientError: 'BAD_REQUEST',
  internal: 'INTERNAL_ERROR',
  headers: (code): Readonly<Record<string, string>> =>
    code === 'UNAUTHORIZED' ? { 'www-authenticate': 'Bearer' } : {},
});
