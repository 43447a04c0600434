import { classifyNetworkError } from './network-error';

function systemError(code: string, message = `connect ${code} 127.0.0.1:1`): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyNetworkError', () => {
  it.each([
    ['ECONNREFUSED', 'NETWORK_CONNECTION_REFUSED'],
    ['ECONNRESET', 'NETWORK_CONNECTION_RESET'],
    ['EPIPE', 'NETWORK_CONNECTION_RESET'],
    ['ETIMEDOUT', 'NETWORK_TIMEOUT'],
    ['UND_ERR_CONNECT_TIMEOUT', 'NETWORK_TIMEOUT'],
    ['UND_ERR_HEADERS_TIMEOUT', 'NETWORK_TIMEOUT'],
    ['EAI_AGAIN', 'NETWORK_DNS_TEMPORARY'],
    ['EHOSTUNREACH', 'NETWORK_UNREACHABLE'],
  ])('treats %s as transient (%s)', (systemCode, code) => {
    const error = systemError(systemCode);

    expect(classifyNetworkError(error)).toMatchObject({ code, retriable: true, cause: error });
  });

  it('treats "socket hang up" as a reset connection', () => {
    expect(classifyNetworkError(new Error('socket hang up'))).toMatchObject({
      code: 'NETWORK_CONNECTION_RESET',
    });
  });

  it('treats an aborted request as transient', () => {
    const controller = new AbortController();
    controller.abort();

    expect(classifyNetworkError(controller.signal.reason)).toMatchObject({
      code: 'REQUEST_ABORTED',
      retriable: true,
    });
  });

  it('treats AbortSignal.timeout() as a timeout', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');

    expect(classifyNetworkError(timeout)).toMatchObject({ code: 'NETWORK_TIMEOUT' });
  });

  it('finds the cause fetch wraps in "fetch failed"', () => {
    const error = new TypeError('fetch failed', { cause: systemError('ECONNREFUSED') });

    expect(classifyNetworkError(error)).toMatchObject({
      code: 'NETWORK_CONNECTION_REFUSED',
      cause: error,
    });
  });

  it('looks inside an AggregateError from a happy-eyeballs connect', () => {
    const error = new AggregateError(
      [new Error('first'), systemError('ENETUNREACH')],
      'all failed',
    );

    expect(classifyNetworkError(error)).toMatchObject({ code: 'NETWORK_UNREACHABLE' });
  });

  it.each([
    ['a plain error', new Error('quantity must be >= 0')],
    ['an unknown system code', systemError('ENOENT')],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('does not classify %s', (_case, error) => {
    expect(classifyNetworkError(error)).toBeUndefined();
  });

  it('stops on a cause chain that loops', () => {
    const error = new Error('outer') as Error & { cause?: unknown };
    error.cause = error;

    expect(classifyNetworkError(error)).toBeUndefined();
  });
});
