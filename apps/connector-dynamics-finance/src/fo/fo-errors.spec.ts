import type { HttpResponse } from '@hub/connector-runtime';
import { PermanentError, TransientError } from '@hub/resilience';
import { FO_ERROR_CODES, foFailure, isAuthFailure } from './fo-errors';

function response(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, headers, body: Buffer.from(text), text };
}

const inner = (type: string, message: string) => ({
  error: {
    code: '',
    message: 'An error has occurred.',
    innererror: { message, type, stacktrace: '' },
  },
});
const WRITE = 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException';

describe('foFailure', () => {
  it('AxODataWriteException is permanent with the Infolog kept', () => {
    const error = foFailure(
      response(500, inner(WRITE, 'Infolog: The record already exists.')),
      'F&O POST X',
    );
    expect(error).toBeInstanceOf(PermanentError);
    expect([error.code, error.message]).toEqual([
      FO_ERROR_CODES.writeRefused,
      'F&O POST X refused by F&O: Infolog: The record already exists.',
    ]);
  });

  it('an X++ action error is permanent; a deadlock in either is transient', () => {
    expect(
      foFailure(
        response(500, inner('Microsoft.Dynamics.Ax.Xpp.ErrorException', 'Over delivery')),
        'a',
      ).code,
    ).toBe(FO_ERROR_CODES.actionRefused);
    const busy = foFailure(
      response(500, inner(WRITE, 'Infolog: Deadlock, where one or more users…')),
      'a',
    );
    expect([busy instanceof TransientError, busy.code]).toEqual([
      true,
      FO_ERROR_CODES.writeConflict,
    ]);
  });

  it('a 500 without a write exception (the platform failed) is transient; so is an HTML 503', () => {
    expect(
      foFailure(response(500, { error: { code: '', message: 'An error has occurred.' } }), 'a'),
    ).toBeInstanceOf(TransientError);
    expect(foFailure(response(503, '<h1>Service Unavailable</h1>'), 'a')).toBeInstanceOf(
      TransientError,
    );
  });

  it('429 keeps Retry-After', () => {
    const error = foFailure(
      response(
        429,
        { error: { code: '', message: 'high resource utilization' } },
        { 'retry-after': '7' },
      ),
      'a',
    );
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ retryAfterMs: 7000 });
  });

  it('401 is an auth failure (renew once), 404 and 400 are permanent', () => {
    const unauthorized = foFailure(response(401, ''), 'a');
    expect(isAuthFailure(unauthorized)).toBe(true);
    expect(
      foFailure(response(404, { error: { code: '', message: 'No HTTP resource' } }), 'a').code,
    ).toBe(FO_ERROR_CODES.notFound);
    expect(
      foFailure(response(400, { error: { code: '', message: 'Syntax error' } }), 'a').code,
    ).toBe(FO_ERROR_CODES.badRequest);
  });
});
