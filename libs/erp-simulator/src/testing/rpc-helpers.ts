/** Test helpers: raw JSON-RPC / XML-RPC calls against an injected or listening simulator. */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { deserializeMethodResponse, serializeMethodCall } from '../server/xmlrpc-codec';

export function jsonRpcBody(
  service: string,
  method: string,
  args: unknown[],
  id: unknown = 1,
): string {
  return JSON.stringify({ jsonrpc: '2.0', method: 'call', id, params: { service, method, args } });
}

export async function injectJsonRpc(
  app: FastifyInstance,
  service: string,
  method: string,
  args: unknown[],
): Promise<{ status: number; body: Record<string, unknown>; raw: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/jsonrpc',
    headers: { 'content-type': 'application/json' },
    payload: jsonRpcBody(service, method, args),
  });
  return {
    status: response.statusCode,
    raw: response.body,
    body: JSON.parse(response.body) as Record<string, unknown>,
  };
}

export function executeKw(
  model: string,
  method: string,
  args: unknown[],
  kwargs: Record<string, unknown> = {},
  password = 'admin',
): unknown[] {
  return ['odoo', 2, password, model, method, args, kwargs];
}

export async function injectXmlRpc(
  app: FastifyInstance,
  service: string,
  method: string,
  params: unknown[],
): Promise<{ status: number; raw: string; value: Promise<unknown> }> {
  const response = await app.inject({
    method: 'POST',
    url: `/xmlrpc/2/${service}`,
    headers: { 'content-type': 'text/xml' },
    payload: serializeMethodCall(method, params),
  });
  const stream = new PassThrough();
  const value = deserializeMethodResponse(stream);
  value.catch(() => undefined);
  stream.end(response.body);
  return { status: response.statusCode, raw: response.body, value };
}

/** A JSON-RPC call over real HTTP; resolves with the parsed envelope. */
export async function jsonRpc(
  baseUrl: string,
  service: string,
  method: string,
  args: unknown[],
): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}/jsonrpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: jsonRpcBody(service, method, args),
  });
  return (await response.json()) as Record<string, unknown>;
}

export async function callKw(
  baseUrl: string,
  model: string,
  method: string,
  args: unknown[],
  kwargs: Record<string, unknown> = {},
): Promise<unknown> {
  const envelope = await jsonRpc(
    baseUrl,
    'object',
    'execute_kw',
    executeKw(model, method, args, kwargs),
  );
  if ('error' in envelope) throw new Error(JSON.stringify(envelope.error));
  return envelope.result;
}
