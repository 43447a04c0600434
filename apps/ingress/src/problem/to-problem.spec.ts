import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { IngressError, refuse } from './ingress-error';
import { toProblem } from './to-problem';

describe('toProblem', () => {
  it('maps an ingress error to its status, stable type URI, detail and extensions', () => {
    const problem = toProblem(
      refuse('REVERSE_DIRECTION_WRITE', 'odoo does not own it', { owner: 'wms' }),
      '/webhooks/wms/odoo',
    );
    expect(problem).toEqual({
      code: 'REVERSE_DIRECTION_WRITE',
      status: 403,
      headers: {},
      body: {
        type: 'urn:hub:problem:reverse-direction-write',
        title: 'The sender does not own this entity type',
        status: 403,
        detail: 'odoo does not own it',
        code: 'REVERSE_DIRECTION_WRITE',
        owner: 'wms',
        instance: '/webhooks/wms/odoo',
      },
    });
  });

  it('does not let an extension overwrite the standard members', () => {
    const problem = toProblem(refuse('INVALID_PAYLOAD', 'bad', { status: 200, type: 'x' }));
    expect([problem.body.status, problem.body.type]).toEqual([
      400,
      'urn:hub:problem:invalid-payload',
    ]);
  });

  it('adds Retry-After to a 503', () => {
    const problem = toProblem(new IngressError('KAFKA_UNAVAILABLE', 'down', true));
    expect([problem.status, problem.headers]).toEqual([503, { 'retry-after': '5' }]);
  });

  it.each([
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'urn:hub:problem:body-too-large'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'urn:hub:problem:unsupported-media-type'],
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 'urn:hub:problem:invalid-payload'],
  ])('maps Fastify client error %s to %i', (code, status, type) => {
    const error = Object.assign(new Error('fastify'), { code, statusCode: status });
    expect([toProblem(error).status, toProblem(error).body.type]).toEqual([status, type]);
  });

  it('reads the Fastify code behind the HttpException Nest wraps a client error in', () => {
    const cause = Object.assign(new Error('Request body is too large'), {
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      statusCode: 413,
    });
    const wrapped = new HttpException(cause.message, 400, { cause });
    expect(toProblem(wrapped).body.type).toBe('urn:hub:problem:body-too-large');
  });

  it('maps any other 400 from the framework to invalid-payload, never 500', () => {
    expect(toProblem(new BadRequestException('bad')).status).toBe(400);
  });

  it('maps an unknown route to 404', () => {
    expect(toProblem(new NotFoundException()).body.type).toBe('urn:hub:problem:not-found');
  });

  it('hides the message of an unexpected error behind a 500', () => {
    const problem = toProblem(new Error('password=hunter2'));
    expect([problem.status, problem.body.detail]).toEqual([500, 'An unexpected error occurred.']);
  });
});
