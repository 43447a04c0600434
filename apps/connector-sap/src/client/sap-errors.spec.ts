import { PermanentError, TransientError } from '@hub/resilience';
import { parseODataError, sapFailure } from './sap-errors';

const overDelivery = {
  error: {
    code: 'M7/022',
    message: { lang: 'en', value: 'PO 4500000123 00010 exceeded by 5 PC : TG11 1010 101A' },
    innererror: {
      errordetails: [
        {
          code: 'M7/022',
          message: 'PO 4500000123 00010 exceeded by 5 PC : TG11 1010 101A',
          severity: 'error',
        },
        {
          code: 'M7/064',
          message: 'Purchase order item is already completed',
          severity: 'warning',
        },
      ],
    },
  },
};

describe('SAP errors', () => {
  it("keeps SAP's message text unchanged, after the T100 code, with the other details", () => {
    const error = sapFailure(
      400,
      {},
      overDelivery,
      'SAP sap POST API_MATERIAL_DOCUMENT_SRV/A_MaterialDocumentHeader',
    );
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'SAP_REFUSED', httpStatus: 400 });
    expect(error.message).toBe(
      'SAP sap POST API_MATERIAL_DOCUMENT_SRV/A_MaterialDocumentHeader refused (M7/022): PO 4500000123 00010 exceeded by 5 PC : TG11 1010 101A (also: M7/064: Purchase order item is already completed)',
    );
  });

  it('retries 5xx, 429 and 503 (with Retry-After), whether SAP sent its error JSON or HTML', () => {
    expect(sapFailure(500, {}, overDelivery, 'call')).toBeInstanceOf(TransientError);
    expect(sapFailure(503, {}, '<h1>503</h1>', 'call')).toBeInstanceOf(TransientError);
    expect(sapFailure(429, { 'retry-after': '7' }, '<h1>429</h1>', 'call')).toMatchObject({
      retriable: true,
      retryAfterMs: 7_000,
    });
  });

  it('treats a refused logon as permanent, and an answer without the error JSON by its status', () => {
    expect(
      sapFailure(
        401,
        {},
        { error: { code: '/IWFND/CM_CONSUMER/101', message: { value: 'Logon failed' } } },
        'call',
      ),
    ).toMatchObject({ code: 'SAP_LOGON_FAILED', retriable: false });
    expect(sapFailure(401, {}, '<html>Logon failed</html>', 'call')).toMatchObject({
      code: 'SAP_LOGON_FAILED',
      httpStatus: 401,
    });
    expect(sapFailure(404, {}, 'Not Found', 'call')).toMatchObject({
      retriable: false,
      httpStatus: 404,
    });
  });

  it('reads the error JSON from a string body too, and nothing from other JSON', () => {
    expect(parseODataError(JSON.stringify(overDelivery))?.code).toBe('M7/022');
    expect(parseODataError({ d: {} })).toBeUndefined();
    expect(parseODataError('CSRF token validation failed')).toBeUndefined();
  });
});
