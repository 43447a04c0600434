import { jsonRpcRequest, parseJsonRpcResponse } from './json-rpc-envelope';

// Envelopes as recorded in docs/erp-protocols.md §1.2.
describe('JSON-RPC envelope', () => {
  it('writes the call envelope Odoo routes by URL', () => {
    expect(
      JSON.parse(
        jsonRpcRequest(1, 'common', 'login', ['mycompany', 'integration@example.com', 'k']),
      ),
    ).toEqual({
      jsonrpc: '2.0',
      method: 'call',
      id: 1,
      params: {
        service: 'common',
        method: 'login',
        args: ['mycompany', 'integration@example.com', 'k'],
      },
    });
  });

  it('reads a result', () => {
    expect(
      parseJsonRpcResponse(
        '{"jsonrpc":"2.0","id":2,"result":[{"id":314,"product_id":[42,"[SKU-001] Widget"],"location_id":[8,"WH/Stock"],"quantity":17.0}]}',
      ),
    ).toEqual({
      ok: true,
      result: [
        {
          id: 314,
          product_id: [42, '[SKU-001] Widget'],
          location_id: [8, 'WH/Stock'],
          quantity: 17,
        },
      ],
    });
  });

  it('reads a response without result (the method returned None) as null', () => {
    expect(parseJsonRpcResponse('{"jsonrpc":"2.0","id":4}')).toEqual({ ok: true, result: null });
  });

  it('reads an error sent with HTTP 200: class name and Odoo message', () => {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 2,
      error: {
        code: 200,
        message: 'Odoo Server Error',
        data: {
          name: 'odoo.exceptions.AccessError',
          message: "You are not allowed to access 'Quants' (stock.quant) records.",
          arguments: ["You are not allowed to access 'Quants' (stock.quant) records."],
          context: {},
          debug: 'Traceback (most recent call last):\n ...',
        },
      },
    });
    expect(parseJsonRpcResponse(body)).toEqual({
      ok: false,
      error: {
        name: 'odoo.exceptions.AccessError',
        message: "You are not allowed to access 'Quants' (stock.quant) records.",
        rpcCode: 200,
      },
    });
  });

  it('keeps the session-expired code', () => {
    const body =
      '{"jsonrpc":"2.0","id":3,"error":{"code":100,"message":"Odoo Session Expired","data":{"name":"odoo.http.SessionExpiredException","message":"Session expired"}}}';
    expect(parseJsonRpcResponse(body)).toMatchObject({ ok: false, error: { rpcCode: 100 } });
  });

  it('flags what is not an Odoo response', () => {
    expect(parseJsonRpcResponse('<html>502 Bad Gateway</html>')).toMatchObject({ ok: 'invalid' });
    expect(parseJsonRpcResponse('[1]')).toMatchObject({ ok: 'invalid' });
  });
});
