/**
 * Maps anything thrown to an RFC 9457 problem response. Pure: exception filters and error
 * handlers call it. Order: the app's own errors, Fastify's client-error codes, the HTTP
 * status of a framework error, else the internal error (only a real bug yields 500, and
 * its message is never shown).
 */
import { HttpException } from '@nestjs/common';
import { errorMessage } from '@hub/resilience';
import { RETRY_AFTER_SECONDS, problemTypeUri, type ProblemCatalog } from './problem-types';

export interface ProblemResponse<C extends string = string> {
  readonly code: C;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
}

/** What an error means for the answer: its code, the `detail` member, extension members. */
export interface ProblemCause<C extends string> {
  readonly code: C;
  readonly detail: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** A status's code, with a fixed detail where the framework's message would say too little. */
export type StatusMapping<C extends string> = C | { readonly code: C; readonly detail: string };

export interface ProblemMapping<C extends string> {
  /** The app's own errors (code, message, extensions); undefined for anything else. */
  readonly known: (error: unknown) => ProblemCause<C> | undefined;
  /** Fastify client-error codes (FST_ERR_*) → code; the detail is the error's message. */
  readonly fastifyCodes?: Readonly<Record<string, C>>;
  /** HTTP status of a Nest HttpException or Fastify error → code. */
  readonly statuses: Readonly<Partial<Record<number, StatusMapping<C>>>>;
  /** For any other 4xx status; without it such errors count as internal. */
  readonly otherClientError?: C;
  readonly internal: C;
  /** Headers a code always carries (e.g. WWW-Authenticate); Retry-After on 503 is added. */
  readonly headers?: (code: C) => Readonly<Record<string, string>>;
}

/** The detail for an unknown route, shared so every app says the same. */
export const NO_ROUTE_DETAIL = 'No route matches this request.';
const INTERNAL_DETAIL = 'An unexpected error occurred.';

export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if ('statusCode' in error && typeof error.statusCode === 'number') return error.statusCode;
  return error instanceof HttpException ? error.getStatus() : undefined;
}

/** Nest wraps Fastify's client errors in an HttpException; their code sits on the cause. */
function fastifyCauseOf<C extends string>(
  error: unknown,
  codes: Readonly<Record<string, C>>,
): C | undefined {
  const candidates = [error, error instanceof HttpException ? error.cause : undefined];
  for (const candidate of candidates) {
    if (typeof candidate !== 'object' || candidate === null || !('code' in candidate)) continue;
    const mapped = typeof candidate.code === 'string' ? codes[candidate.code] : undefined;
    if (mapped !== undefined) return mapped;
  }
  return undefined;
}

function causeOf<C extends string>(error: unknown, mapping: ProblemMapping<C>): ProblemCause<C> {
  const known = mapping.known(error);
  if (known !== undefined) return known;
  const fastifyCode =
    mapping.fastifyCodes === undefined ? undefined : fastifyCauseOf(error, mapping.fastifyCodes);
  if (fastifyCode !== undefined) return { code: fastifyCode, detail: errorMessage(error) };
  const status = httpStatusOf(error);
  if (status !== undefined) {
    const byStatus = mapping.statuses[status];
    if (typeof byStatus === 'string') return { code: byStatus, detail: errorMessage(error) };
    if (byStatus !== undefined) return byStatus;
    if (mapping.otherClientError !== undefined && status >= 400 && status < 500)
      return { code: mapping.otherClientError, detail: errorMessage(error) };
  }
  return { code: mapping.internal, detail: INTERNAL_DETAIL };
}

/** An app's `toProblem(error, instance?)` from its catalog and how its errors map. */
export function createToProblem<C extends string>(
  catalog: ProblemCatalog<C>,
  mapping: ProblemMapping<C>,
): (error: unknown, instance?: string) => ProblemResponse<C> {
  return (error, instance) => {
    const { code, detail, extensions = {} } = causeOf(error, mapping);
    const type = catalog[code];
    const { status, title } = type;
    return {
      code,
      status,
      headers: {
        ...(mapping.headers?.(code) ?? {}),
        ...(status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {}),
      },
      // Extensions first: none may overwrite the standard members.
      body: {
        ...extensions,
        type: problemTypeUri(type),
        title,
        status,
        detail,
        code,
        ...(instance === undefined ? {} : { instance }),
      },
    };
  };
}
