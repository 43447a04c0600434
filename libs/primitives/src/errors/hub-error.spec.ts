import { HubError, PermanentError, TransientError, errorMessage, isHubError } from './hub-error';

describe('the error tree', () => {
  it('marks transient errors retriable and keeps what the server asked for', () => {
    const error = new TransientError('HTTP_RATE_LIMITED', 'slow down', {
      httpStatus: 429,
      retryAfterMs: 5000,
    });

    expect(error).toBeInstanceOf(HubError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      code: 'HTTP_RATE_LIMITED',
      retriable: true,
      errorClass: 'transient',
    });
    expect(error).toMatchObject({ httpStatus: 429, retryAfterMs: 5000, name: 'TransientError' });
  });

  it('marks permanent errors not retriable', () => {
    const error = new PermanentError('VALIDATION_FAILED', 'quantity must be >= 0');

    expect(error).toMatchObject({
      retriable: false,
      errorClass: 'permanent',
      name: 'PermanentError',
    });
    expect(error.httpStatus).toBeUndefined();
  });

  it('keeps the cause, and sets none when none was given', () => {
    const cause = new Error('socket closed');

    expect(new TransientError('X', 'y', { cause }).cause).toBe(cause);
    expect('cause' in new PermanentError('X', 'y')).toBe(false);
  });

  it('names subclasses after themselves', () => {
    class PolicyError extends PermanentError {}

    expect(new PolicyError('P', 'm').name).toBe('PolicyError');
  });

  it('tells hub errors from others', () => {
    expect(isHubError(new HubError('C', 'm', true))).toBe(true);
    expect(isHubError(new Error('m'))).toBe(false);
    expect(isHubError({ code: 'C', retriable: true })).toBe(false);
  });
});

describe('errorMessage', () => {
  it('reads the message of an error, even one from another realm', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage({ message: 'from a vm context' })).toBe('from a vm context');
  });

  it('stringifies anything else', () => {
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
  });
});
