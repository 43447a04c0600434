import { classifyError, toErrorRecord } from './error-record';
import { PermanentError, TransientError } from '@hub/primitives';
import { classifyHttpStatus } from './http-status';

describe('toErrorRecord', () => {
  it('records a hub error with its code, class and HTTP status', () => {
    const error = classifyHttpStatus(503, {}, { now: () => 0 });

    expect(toErrorRecord(error)).toEqual({
      code: 'HTTP_SERVER_ERROR',
      errorClass: 'transient',
      message: 'HTTP 503',
      httpStatus: 503,
    });
  });

  it('records a null httpStatus when there was none', () => {
    expect(
      toErrorRecord(new PermanentError('UNKNOWN_PURCHASE_ORDER', 'PO 4711 not found')),
    ).toEqual({
      code: 'UNKNOWN_PURCHASE_ORDER',
      errorClass: 'permanent',
      message: 'PO 4711 not found',
      httpStatus: null,
    });
  });

  it('records a raw network failure as transient', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8069'), {
      code: 'ECONNREFUSED',
    });

    expect(toErrorRecord(error)).toMatchObject({
      code: 'NETWORK_CONNECTION_REFUSED',
      errorClass: 'transient',
    });
  });

  it('records anything unrecognised as permanent, keeping its message', () => {
    expect(toErrorRecord(new RangeError('bad mapping'))).toEqual({
      code: 'UNCLASSIFIED_ERROR',
      errorClass: 'permanent',
      message: 'bad mapping',
      httpStatus: null,
    });
    expect(toErrorRecord('thrown string')).toMatchObject({
      code: 'UNCLASSIFIED_ERROR',
      message: 'thrown string',
    });
  });

  it('survives JSON unchanged', () => {
    const record = toErrorRecord(
      new TransientError('HTTP_RATE_LIMITED', 'HTTP 429', { httpStatus: 429 }),
    );

    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });
});

describe('classifyError', () => {
  it('returns a hub error as it is', () => {
    const error = new TransientError('X', 'y');

    expect(classifyError(error)).toBe(error);
  });

  it('keeps an unrecognised error as the cause', () => {
    const error = new Error('boom');

    expect(classifyError(error).cause).toBe(error);
  });
});
