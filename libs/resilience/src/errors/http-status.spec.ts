import { PermanentError, TransientError } from '@hub/primitives';
import { classifyHttpStatus } from './http-status';

const clock = { now: () => Date.UTC(2025, 5, 1, 12, 0, 0) };

describe('classifyHttpStatus', () => {
  it.each([
    [408, 'HTTP_REQUEST_TIMEOUT'],
    [425, 'HTTP_TOO_EARLY'],
    [429, 'HTTP_RATE_LIMITED'],
    [500, 'HTTP_SERVER_ERROR'],
    [502, 'HTTP_SERVER_ERROR'],
    [503, 'HTTP_SERVER_ERROR'],
    [504, 'HTTP_SERVER_ERROR'],
    [599, 'HTTP_SERVER_ERROR'],
  ])('treats %i as transient (%s)', (status, code) => {
    const error = classifyHttpStatus(status, {}, clock);

    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ code, retriable: true, httpStatus: status });
  });

  it.each([
    [400, 'HTTP_CLIENT_ERROR'],
    [401, 'HTTP_CLIENT_ERROR'],
    [403, 'HTTP_CLIENT_ERROR'],
    [404, 'HTTP_CLIENT_ERROR'],
    [409, 'HTTP_CLIENT_ERROR'],
    [422, 'HTTP_CLIENT_ERROR'],
    [499, 'HTTP_CLIENT_ERROR'],
    [302, 'HTTP_UNEXPECTED_STATUS'],
    [600, 'HTTP_UNEXPECTED_STATUS'],
  ])('treats %i as permanent (%s)', (status, code) => {
    const error = classifyHttpStatus(status, {}, clock);

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code, retriable: false, httpStatus: status });
  });

  it('honours Retry-After in delta-seconds on a 429, whatever the header case', () => {
    const error = classifyHttpStatus(429, { 'Retry-After': '17' }, clock);

    expect(error).toMatchObject({ retryAfterMs: 17_000 });
    expect(error.message).toBe('HTTP 429 (retry after 17000 ms)');
  });

  it('honours Retry-After as an HTTP-date on a 503, read from fetch Headers', () => {
    const headers = new Headers({ 'retry-after': 'Sun, 01 Jun 2025 12:02:00 GMT' });

    expect(classifyHttpStatus(503, headers, clock)).toMatchObject({ retryAfterMs: 120_000 });
  });

  it('takes the first of repeated Retry-After values (node:http gives arrays)', () => {
    expect(classifyHttpStatus(429, { 'retry-after': ['3', '9'] }, clock)).toMatchObject({
      retryAfterMs: 3_000,
    });
  });

  it('leaves retryAfterMs unset when the header is missing or malformed', () => {
    expect(classifyHttpStatus(429, undefined, clock)).toMatchObject({ retryAfterMs: undefined });
    expect(classifyHttpStatus(429, { 'retry-after': 'later' }, clock)).toMatchObject({
      retryAfterMs: undefined,
    });
  });

  it('does not turn a permanent failure transient because of Retry-After', () => {
    const error = classifyHttpStatus(400, { 'retry-after': '5' }, clock);

    expect(error).toBeInstanceOf(PermanentError);
    expect('retryAfterMs' in error).toBe(false);
  });
});
