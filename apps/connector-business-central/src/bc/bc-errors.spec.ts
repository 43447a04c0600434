import { PermanentError, TransientError } from '@hub/resilience';
import { BcStaleEtagError, bcFailure } from './bc-errors';

const clock = { now: () => Date.parse('2026-12-03T12:00:00Z') };
const response = (status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, headers, body: Buffer.from(text), text };
};
const odata = (code: string, message: string) => ({ error: { code, message } });

describe('bcFailure', () => {
  it('keeps BC code and message on a permanent refusal', () => {
    const error = bcFailure(
      response(400, odata('Application_DialogException', 'You cannot receive more than 5 units.')),
      'Business Central PATCH purchaseOrderLines',
      clock,
    );
    expect(error).toBeInstanceOf(PermanentError);
    expect([error.code, error.message]).toEqual([
      'BC_Application_DialogException',
      expect.stringMatching(
        /PATCH purchaseOrderLines failed: .*Application_DialogException: You cannot receive more than 5 units\./,
      ),
    ]);
  });

  it('makes a stale ETag (409 Request_EntityChanged or 412) its own transient error', () => {
    expect(
      bcFailure(
        response(
          409,
          odata('Request_EntityChanged', 'Another user has already changed the record.'),
        ),
        'x',
        clock,
      ),
    ).toBeInstanceOf(BcStaleEtagError);
    expect(bcFailure(response(412, ''), 'x', clock)).toBeInstanceOf(BcStaleEtagError);
  });

  it.each([429, 503, 504, 408, 500])('%i is transient with the Retry-After', (status) => {
    const error = bcFailure(response(status, '<h1>busy</h1>', { 'retry-after': '7' }), 'x', clock);
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ retriable: true, retryAfterMs: 7_000 });
  });

  it('a 404 from an unknown extension path is permanent BC_BadRequest_NotFound', () => {
    expect(
      bcFailure(
        response(404, odata('BadRequest_NotFound', 'No HTTP resource was found')),
        'x',
        clock,
      ).code,
    ).toBe('BC_BadRequest_NotFound');
  });
});
