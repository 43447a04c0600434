import { NotFoundException } from '@nestjs/common';
import { ReviewerError } from './reviewer-error';
import { toProblem } from './to-problem';

describe('toProblem', () => {
  it('maps a reviewer error to its status, stable type URI, detail and extensions', () => {
    expect(
      toProblem(
        new ReviewerError('INVALID_TRANSITION', 'it is resolved', false, { status: 'resolved' }),
        '/api/x',
      ).body,
    ).toEqual({
      type: 'urn:hub:problem:invalid-transition',
      title: 'The item is not in a state that allows this',
      status: 409,
      detail: 'it is resolved',
      code: 'INVALID_TRANSITION',
      instance: '/api/x',
    });
  });

  it('lets no extension overwrite the standard members', () => {
    const problem = toProblem(
      new ReviewerError('FORBIDDEN', 'no', false, { type: 'x', title: 'y' }),
    );
    expect([problem.body.type, problem.body.title]).toEqual([
      'urn:hub:problem:forbidden',
      'Your role does not allow this',
    ]);
  });

  it('adds Retry-After to a 503, maps unknown routes to 404 and hides bugs behind 500', () => {
    expect(toProblem(new ReviewerError('KAFKA_UNAVAILABLE', 'down', true)).headers).toEqual({
      'retry-after': '5',
    });
    expect(toProblem(new NotFoundException()).status).toBe(404);
    expect(toProblem(new Error('password=hunter2')).body.detail).toBe(
      'An unexpected error occurred.',
    );
  });
});
