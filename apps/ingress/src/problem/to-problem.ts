/**
 * Maps anything thrown to an RFC 9457 problem response. Pure: the exception filter and
 * Fastify's error handler both call it. Only a real bug yields 500; Fastify's own client
 * errors (body limit, media type, malformed JSON) map to their problem types.
 */
import { HttpException } from '@nestjs/common';
import { errorMessage } from '@hub/resilience';
import { IngressError } from './ingress-error';
import { problemCatalog, problemTypeUri, type ProblemCode } from './problem-catalog';

export interface ProblemResponse {
  readonly code: ProblemCode;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
}

/** Seconds a client should wait before retrying a 503 (Standard Webhooks senders honour it). */
export const RETRY_AFTER_SECONDS = 5;

const fastifyCodes: Readonly<Record<string, ProblemCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_PAYLOAD',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_PAYLOAD',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_PAYLOAD',
};

/** Nest wraps Fastify's client errors in an HttpException; their code sits on the cause. */
function fastifyCodeOf(error: unknown): ProblemCode | undefined {
  const candidates = [error, error instanceof HttpException ? error.cause : undefined];
  for (const candidate of candidates) {
    if (typeof candidate !== 'object' || candidate === null || !('code' in candidate)) continue;
    const mapped = typeof candidate.code === 'string' ? fastifyCodes[candidate.code] : undefined;
    if (mapped !== undefined) return mapped;
  }
  return undefined;
}

function codeOf(error: unknown): { code: ProblemCode; detail: string } {
  if (error instanceof IngressError) return { code: error.code, detail: error.message };
  const fastifyCode = fastifyCodeOf(error);
  if (fastifyCode !== undefined) return { code: fastifyCode, detail: errorMessage(error) };
  const status = httpStatusOf(error);
  if (status === 400) return { code: 'INVALID_PAYLOAD', detail: errorMessage(error) };
  if (status === 404) return { code: 'NOT_FOUND', detail: 'No route matches this request.' };
  if (status === 405) return { code: 'METHOD_NOT_ALLOWED', detail: errorMessage(error) };
  if (status === 413) return { code: 'BODY_TOO_LARGE', detail: errorMessage(error) };
  if (status === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', detail: errorMessage(error) };
  return { code: 'INTERNAL_ERROR', detail: 'An unexpected error occurred.' };
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if ('statusCode' in error && typeof error.statusCode === 'number') return error.statusCode;
  return error instanceof HttpException ? error.getStatus() : undefined;
}

export function toProblem(error: unknown, instance?: string): ProblemResponse {
  const { code, detail } = codeOf(error);
  const { status, title } = problemCatalog[code];
  const extensions = error instanceof IngressError ? error.extensions : {};
  return {
    code,
    status,
    headers: status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {},
    body: {
      ...extensions,
      type: problemTypeUri(code),
      title,
      status,
      detail,
      code,
      ...(instance === undefined ? {} : { instance }),
    },
  };
}
