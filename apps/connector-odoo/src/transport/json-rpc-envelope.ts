/**
 * The `/jsonrpc` envelope (docs/erp-protocols.md §1.2, odoo/http.py JsonRPCDispatcher):
 *   request  {"jsonrpc":"2.0","method":"call","id":n,"params":{"service","method","args"}}
 *   success  {"jsonrpc":"2.0","id":n,"result":…}   (no `result` key when the method returned None)
 *   failure  {"jsonrpc":"2.0","id":n,"error":{"code":200|0|100|404,"message":"Odoo Server Error",
 *             "data":{"name":"odoo.exceptions.ValidationError","message":…,"arguments":[…],"debug":…}}}
 * Errors come with HTTP 200: the `error` key decides, not the status.
 */
import type { OdooErrorInfo } from './odoo-errors';

export type JsonRpcOutcome =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: OdooErrorInfo }
  | { readonly ok: 'invalid'; readonly detail: string };

export function jsonRpcRequest(
  id: number,
  service: string,
  method: string,
  args: unknown[],
): string {
  return JSON.stringify({ jsonrpc: '2.0', method: 'call', id, params: { service, method, args } });
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJsonRpcResponse(text: string): JsonRpcOutcome {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: 'invalid', detail: `not JSON: ${text.slice(0, 120)}` };
  }
  if (!isRecord(body)) return { ok: 'invalid', detail: 'not a JSON object' };
  if ('error' in body) {
    const error = isRecord(body.error) ? body.error : {};
    const data = isRecord(error.data) ? error.data : {};
    const message =
      typeof data.message === 'string'
        ? data.message
        : typeof error.message === 'string'
          ? error.message
          : 'Odoo Server Error';
    return {
      ok: false,
      error: {
        name: typeof data.name === 'string' ? data.name : '',
        message,
        ...(typeof error.code === 'number' ? { rpcCode: error.code } : {}),
      },
    };
  }
  // A method that returned None leaves `result` out (§1.2, pitfall 1).
  return { ok: true, result: 'result' in body ? body.result : null };
}
