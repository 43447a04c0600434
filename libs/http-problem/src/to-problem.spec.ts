import {
  BadRequestException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import {
  bodyProblemTypes,
  routingProblemTypes,
  typeUriOf,
  type ProblemCatalog,
} from './problem-types';
import { NO_ROUTE_DETAIL, createToProblem } from './to-problem';

const catalog = {
  INVALID: { status: 400, slug: 'invalid', title: 'Invalid' },
  LOCKED: { status: 401, slug: 'locked', title: 'Locked' },
  NOT_FOUND: { status: 404, slug: 'not-found', title: 'No such route' },
  TOO_LARGE: { status: 413, slug: 'too-large', title: 'Too large' },
  CLIENT: { status: 400, slug: 'client', title: 'Client error' },
  DOWN: { status: 503, slug: 'down', title: 'Down' },
  INTERNAL: { status: 500, slug: 'internal', title: 'Internal error' },
} as const satisfies ProblemCatalog;
type Code = keyof typeof catalog;

class AppError extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

const toProblem = createToProblem(catalog, {
  known: (error) =>
    error instanceof AppError
      ? { code: error.code, detail: error.message, extensions: error.extensions }
      : undefined,
  fastifyCodes: { FST_ERR_CTP_BODY_TOO_LARGE: 'TOO_LARGE' },
  statuses: { 400: 'INVALID', 404: { code: 'NOT_FOUND', detail: NO_ROUTE_DETAIL } },
  internal: 'INTERNAL',
  headers: (code): Readonly<Record<string, string>> =>
    code === 'LOCKED' ? { 'www-authenticate': 'Bearer' } : {},
});

describe('createToProblem', () => {
  it('answers an app error with its type URI, title, status, detail, code and instance', () => {
    expect(toProblem(new AppError('INVALID', 'sku is missing', { field: 'sku' }), '/x')).toEqual({
      code: 'INVALID',
      status: 400,
      headers: {},
      body: {
        field: 'sku',
        type: 'urn:hub:problem:invalid',
        title: 'Invalid',
        status: 400,
        detail: 'sku is missing',
        code: 'INVALID',
        instance: '/x',
      },
    });
  });

  it('lets no extension overwrite the standard members', () => {
    const { body } = toProblem(new AppError('INVALID', 'no', { type: 'x', status: 200 }));
    expect([body.type, body.status]).toEqual(['urn:hub:problem:invalid', 400]);
    expect('instance' in body).toBe(false);
  });

  it('adds Retry-After to a 503 and the code headers the app asks for', () => {
    expect(toProblem(new AppError('DOWN', 'later')).headers).toEqual({ 'retry-after': '5' });
    expect(toProblem(new AppError('LOCKED', 'token')).headers).toEqual({
      'www-authenticate': 'Bearer',
    });
  });

  it('maps Fastify client-error codes, also when Nest wraps them', () => {
    const fastifyError = Object.assign(new Error('too big'), {
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      statusCode: 413,
    });
    expect(toProblem(fastifyError).code).toBe('TOO_LARGE');
    const wrapped = new PayloadTooLargeException('too big', { cause: fastifyError });
    expect(toProblem(wrapped)).toMatchObject({ code: 'TOO_LARGE', body: { detail: 'too big' } });
  });

  it('maps statuses, with a fixed detail where given', () => {
    expect(toProblem(new BadRequestException('bad json')).body).toMatchObject({
      code: 'INVALID',
      detail: 'bad json',
    });
    expect(toProblem(new NotFoundException('Cannot GET /secret?token=1')).body.detail).toBe(
      NO_ROUTE_DETAIL,
    );
  });

  it('hides anything else behind 500, and unmapped 4xx too unless otherClientError is set', () => {
    expect(toProblem(new Error('password=hunter2')).body).toMatchObject({
      status: 500,
      detail: 'An unexpected error occurred.',
    });
    expect(toProblem(new HttpException('teapot', 418)).code).toBe('INTERNAL');
    const lenient = createToProblem(catalog, {
      known: () => undefined,
      statuses: {},
      otherClientError: 'CLIENT',
      internal: 'INTERNAL',
    });
    expect(lenient(new HttpException('teapot', 418)).code).toBe('CLIENT');
    expect(lenient(new HttpException('gateway', 502)).code).toBe('INTERNAL');
  });

  it('gives each code its stable URN', () => {
    expect(typeUriOf(catalog)('NOT_FOUND')).toBe('urn:hub:problem:not-found');
    expect(typeUriOf({ ...routingProblemTypes, ...bodyProblemTypes })('BODY_TOO_LARGE')).toBe(
      'urn:hub:problem:body-too-large',
    );
  });
});
