/**
 * RFC 9457 problem types: one stable `type` URI and status per error code. The URIs are
 * URNs on purpose: stable identifiers that do not pretend to be resolvable pages.
 */
export interface ProblemType {
  readonly status: number;
  readonly slug: string;
  readonly title: string;
}

/** An app's catalog: its error codes, each with its problem type. */
export type ProblemCatalog<C extends string = string> = Readonly<Record<C, ProblemType>>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Seconds a client should wait before retrying a 503 (Standard Webhooks senders honour it). */
export const RETRY_AFTER_SECONDS = 5;

export function problemTypeUri(type: ProblemType): string {
  return `urn:hub:problem:${type.slug}`;
}

/** The `type` URI for a code of a catalog: `typeUriOf(catalog)('NOT_FOUND')`. */
export function typeUriOf<C extends string>(catalog: ProblemCatalog<C>): (code: C) => string {
  return (code) => problemTypeUri(catalog[code]);
}

/** Framework answers every app gives: unknown route or method, and a bug. */
export const routingProblemTypes = {
  NOT_FOUND: { status: 404, slug: 'not-found', title: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, slug: 'method-not-allowed', title: 'Method not allowed' },
  INTERNAL_ERROR: { status: 500, slug: 'internal-error', title: 'Internal error' },
} as const satisfies ProblemCatalog;

/** Framework answers of an app that parses request bodies. */
export const bodyProblemTypes = {
  BODY_TOO_LARGE: { status: 413, slug: 'body-too-large', title: 'The body exceeds the limit' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    slug: 'unsupported-media-type',
    title: 'Unsupported content type',
  },
} as const satisfies ProblemCatalog;
