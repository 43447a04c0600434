import { HTTP_ERROR_CODES, TransientError } from '@hub/resilience';
import { responseVerdict } from './response-verdict';

const clock = { now: () => Date.parse('2026-11-27T04:00:00Z') };

function failure(status: number, headers: Record<string, string> = {}) {
  const verdict = responseVerdict(status, new Headers(headers), clock);
  if (verdict.kind !== 'failed') throw new Error(`expected a failure, got ${verdict.kind}`);
  return verdict.error;
}

describe('response verdict', () => {
  it.each([200, 201, 202, 204, 299])('%i is delivered', (status) => {
    expect(responseVerdict(status, new Headers(), clock)).toEqual({ kind: 'delivered' });
  });

  it('410 Gone asks to disable the endpoint', () => {
    expect(responseVerdict(410, new Headers(), clock)).toEqual({ kind: 'gone' });
  });

  it.each([
    [408, HTTP_ERROR_CODES.requestTimeout],
    [425, HTTP_ERROR_CODES.tooEarly],
    [429, HTTP_ERROR_CODES.rateLimited],
    [500, HTTP_ERROR_CODES.serverError],
    [502, HTTP_ERROR_CODES.serverError],
    [503, HTTP_ERROR_CODES.serverError],
    [504, HTTP_ERROR_CODES.serverError],
  ])('%i is transient (%s)', (status, code) => {
    const error = failure(status);
    expect(error).toBeInstanceOf(TransientError);
    expect(error.retriable).toBe(true);
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(status);
  });

  it.each([400, 401, 403, 404, 409, 413, 415, 422])('%i is permanent', (status) => {
    const error = failure(status);
    expect(error.retriable).toBe(false);
    expect(error.code).toBe(HTTP_ERROR_CODES.clientError);
  });

  it('a redirect is permanent: webhooks are not followed elsewhere', () => {
    const error = failure(301, { location: 'https://elsewhere.example/' });
    expect(error.retriable).toBe(false);
    expect(error.code).toBe(HTTP_ERROR_CODES.unexpectedStatus);
  });

  it('honours Retry-After in seconds and as an HTTP date', () => {
    const seconds = failure(429, { 'retry-after': '7' });
    expect(seconds instanceof TransientError && seconds.retryAfterMs).toBe(7_000);
    const date = failure(503, { 'retry-after': 'Fri, 27 Nov 2026 04:00:30 GMT' });
    expect(date instanceof TransientError && date.retryAfterMs).toBe(30_000);
  });
});
