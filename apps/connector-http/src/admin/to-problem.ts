/** Anything thrown by an admin route → an RFC 9457 problem response. Pure; only a bug yields 500. */
import { HttpException } from '@nestjs/common';
import { errorMessage } from '@hub/resilience';
import { AdminError, problemCatalog, problemTypeUri, type ProblemCode } from './admin-error';

export interface ProblemResponse {
  readonly code: ProblemCode;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
}

const RETRY_AFTER_SECONDS = 5;

function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  if (typeof error !== 'object' || error === null) return undefined;
  return 'statusCode' in error && typeof error.statusCode === 'number'
    ? error.statusCode
    : undefined;
}

function codeOf(error: unknown): { code: ProblemCode; detail: string } {
  if (error instanceof AdminError) return { code: error.code, detail: error.message };
  const status = httpStatusOf(error);
  if (status === 404) return { code: 'NOT_FOUND', detail: 'No route matches this request.' };
  if (status === 405) return { code: 'METHOD_NOT_ALLOWED', detail: 'Method not allowed.' };
  // Fastify's own client errors (a JSON content type with an empty body, a body too large).
  if (status !== undefined && status >= 400 && status < 500)
    return { code: 'BAD_REQUEST', detail: errorMessage(error) };
  return { code: 'INTERNAL_ERROR', detail: 'An unexpected error occurred.' };
}

export function toProblem(error: unknown, instance?: string): ProblemResponse {
  const { code, detail } = codeOf(error);
  const { status, title } = problemCatalog[code];
  const headers: Record<string, string> = {};
  if (code === 'UNAUTHORIZED') headers['www-authenticate'] = 'Bearer';
  if (status === 503) headers['retry-after'] = String(RETRY_AFTER_SECONDS);
  return {
    code,
    status,
    headers,
    body: {
      type: problemTypeUri(code),
      title,
      status,
      detail,
      code,
      ...(instance === undefined ? {} : { instance }),
    },
  };
}
