/**
 * `POST /xmlrpc/2/common` and `/xmlrpc/2/object` (docs/erp-protocols.md §1.3): integer faultCodes
 * 1–4, and None cannot be marshalled (`allow_none=False`), so it becomes fault 1.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { faultsAfter, faultsBefore } from '../faults/fault-gate';
import { asOdooError, dispatchRpc, rpcTarget } from '../odoo/odoo-dispatch';
import { OdooError } from '../odoo/odoo-errors';
import type { OdooSimulator } from '../odoo/odoo-simulator';
import { odooDatetime, type OdooValue } from '../odoo/odoo-values';
import { deserializeMethodCall, serializeFault, serializeMethodResponse } from './xmlrpc-codec';

function parseMethodCall(body: Buffer): Promise<{ methodName: string; params: unknown[] }> {
  const stream = new PassThrough();
  const parsed = deserializeMethodCall(stream);
  stream.end(body);
  return parsed;
}

/** XML-RPC values as Odoo sees them: dateTime as its datetime string, base64 as text. */
function fromXmlRpc(value: unknown): OdooValue {
  if (value instanceof Date) return odooDatetime(value);
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(fromXmlRpc);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromXmlRpc(v)]));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return null;
}

const cannotMarshalNone = new OdooError(
  'builtins.TypeError',
  'cannot marshal None unless allow_none is enabled',
);

export function registerXmlRpcRoutes(app: FastifyInstance, odoo: OdooSimulator): void {
  app.addContentTypeParser(
    ['text/xml', 'application/xml'],
    { parseAs: 'buffer' },
    (_request, body, done) => {
      done(null, body);
    },
  );

  app.post<{ Params: { service: string } }>('/xmlrpc/2/:service', async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.from('');
    let call: { methodName: string; params: unknown[] };
    try {
      call = await parseMethodCall(body);
    } catch (error) {
      return reply
        .code(400)
        .header('content-type', 'text/plain')
        .send(`Bad XML-RPC request: ${String(error)}`);
    }
    const service = request.params.service;
    const args = call.params.map(fromXmlRpc);
    const target = rpcTarget(service, call.methodName, args);
    if (await faultsBefore(odoo.faultInjector, target, reply)) return reply;
    let xml: string;
    try {
      const { value } = await dispatchRpc(odoo, 'xmlrpc', service, call.methodName, args);
      if (value === undefined) throw cannotMarshalNone;
      xml = serializeMethodResponse(value);
    } catch (error) {
      const odooError = asOdooError(error);
      xml = serializeFault({ faultCode: odooError.faultCode, faultString: odooError.faultString });
    }
    if (await faultsAfter(odoo.faultInjector, target, reply)) return reply;
    return reply.code(200).header('content-type', 'text/xml; charset=utf-8').send(xml);
  });
}
