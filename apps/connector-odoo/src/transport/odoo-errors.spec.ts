import { PermanentError, TransientError } from '@hub/resilience';
import { isMarshalNoneFault, odooErrorToHubError, xmlRpcFaultToInfo } from './odoo-errors';

const map = (name: string, message = 'boom', rpcCode?: number) =>
  odooErrorToHubError(
    { name, message, ...(rpcCode === undefined ? {} : { rpcCode }) },
    'stock.quant.write',
    'odoo-main',
  );

describe('Odoo errors → hub errors', () => {
  it.each([
    ['odoo.exceptions.ValidationError', 'ODOO_VALIDATION'],
    ['odoo.exceptions.UserError', 'ODOO_USER_ERROR'],
    ['odoo.exceptions.MissingError', 'ODOO_MISSING_RECORD'],
    ['odoo.exceptions.AccessError', 'ODOO_ACCESS_ERROR'],
    ['odoo.exceptions.AccessDenied', 'ODOO_ACCESS_DENIED'],
    ['builtins.ValueError', 'ODOO_SERVER_ERROR'],
  ])('%s is permanent %s', (name, code) => {
    const error = map(name);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.code).toBe(code);
  });

  it("keeps Odoo's message and names the system and the call", () => {
    expect(map('odoo.exceptions.ValidationError', 'The quantity must be positive.').message).toBe(
      'Odoo odoo-main refused stock.quant.write: The quantity must be positive. (odoo.exceptions.ValidationError)',
    );
  });

  it('treats database contention and an expired session as transient', () => {
    expect(map('psycopg2.errors.SerializationFailure')).toBeInstanceOf(TransientError);
    expect(map('odoo.http.SessionExpiredException', 'Session expired', 100)).toMatchObject({
      code: 'ODOO_SESSION_EXPIRED',
      retriable: true,
    });
  });

  it('reads XML-RPC fault codes (§1.3)', () => {
    expect(xmlRpcFaultToInfo(2, 'Quantity must be positive').name).toBe(
      'odoo.exceptions.UserError',
    );
    expect(xmlRpcFaultToInfo(3, 'Access Denied').name).toBe('odoo.exceptions.AccessDenied');
    expect(xmlRpcFaultToInfo(4, 'not allowed').name).toBe('odoo.exceptions.AccessError');
    expect(
      xmlRpcFaultToInfo(
        1,
        'Traceback (most recent call last):\n  File "x"\nValueError: Invalid field',
      ),
    ).toEqual({
      name: 'ValueError',
      message: 'ValueError: Invalid field',
    });
  });

  it('recognises the None-marshalling fault of a method that did its work', () => {
    expect(isMarshalNoneFault('TypeError: cannot marshal None unless allow_none is enabled')).toBe(
      true,
    );
    expect(isMarshalNoneFault('ValueError: nope')).toBe(false);
  });
});
