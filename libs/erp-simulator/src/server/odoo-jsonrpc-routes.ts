/** `POST /jsonrpc` (docs/erp-protocols.md §1.2): errors are HTTP 200 with an `error` member; None has no `result`. */
import type { FastifyInstance } from 'fastify';
import { faultsAfter, faultsBefore } from '../faults/fault-gate';
import { asOdooError, dispatchRpc, rpcTarget } from '../odoo/odoo-dispatch';
import type { OdooSimulator } from '../odoo/odoo-simulator';
import { isRecordObject, type OdooValue } from '../odoo/odoo-values';

export function registerJsonRpcRoutes(app: FastifyInstance, odoo: OdooSimulator): void {
  app.addContentTypeParser(
    'application/json-rpc',
    { parseAs: 'string' },
    (_request, body, done) => {
      try {
        done(null, JSON.parse(String(body)));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );

  app.post('/jsonrpc', async (request, reply) => {
    const body: unknown = request.body;
    const envelope = isRecordObject(body) ? body : {};
    const id = envelope.id ?? null;
    const params = isRecordObject(envelope.params) ? envelope.params : {};
    const service = typeof params.service === 'string' ? params.service : '';
    const method = typeof params.method === 'string' ? params.method : '';
    const args = Array.isArray(params.args) ? (params.args as readonly OdooValue[]) : [];
    const target = rpcTarget(service, method, args);
    if (await faultsBefore(odoo.faultInjector, target, reply)) return reply;
    let answer: Record<string, unknown>;
    try {
      const { value } = await dispatchRpc(odoo, 'jsonrpc', service, method, args);
      answer = value === undefined ? { jsonrpc: '2.0', id } : { jsonrpc: '2.0', id, result: value };
    } catch (error) {
      const odooError = asOdooError(error);
      answer = {
        jsonrpc: '2.0',
        id,
        error: {
          code: odoo.jsonRpcErrorCode,
          message: 'Odoo Server Error',
          data: odooError.serialize(),
        },
      };
    }
    if (await faultsAfter(odoo.faultInjector, target, reply)) return reply;
    return reply.code(200).header('content-type', 'application/json').send(JSON.stringify(answer));
  });
}
