/**
 * Odoo 19's JSON-2 API (docs/erp-protocols.md §1.4): `POST /json/2/<model>/<method>` with a bearer
 * API key, arguments by name, the bare result as body, errors as 4xx/5xx with the
 * serialized exception. Also `GET /web/version`.
 */
import type { FastifyInstance } from 'fastify';
import { faultsAfter, faultsBefore } from '../faults/fault-gate';
import { asOdooError } from '../odoo/odoo-dispatch';
import type { OdooSimulator } from '../odoo/odoo-simulator';
import { isRecordObject, type OdooValue } from '../odoo/odoo-values';

const unauthorized = {
  name: 'werkzeug.exceptions.Unauthorized',
  message: 'Invalid apikey',
  arguments: ['Invalid apikey', 401],
  context: {},
  debug: '',
};

export function registerJson2Routes(app: FastifyInstance, odoo: OdooSimulator): void {
  app.get('/web/version', () => {
    const [major = 17, minor = 0] = odoo.serverVersion
      .split('.')
      .map((p) => Number.parseInt(p, 10));
    return { version_info: [major, minor, 0, 'final', 0, ''], version: odoo.serverVersion };
  });

  app.post<{ Params: { model: string; method: string } }>(
    '/json/2/:model/:method',
    async (request, reply) => {
      const { model, method } = request.params;
      const target = { model, method };
      if (await faultsBefore(odoo.faultInjector, target, reply)) return reply;
      const match = /^bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
      const user = match?.[1] === undefined ? undefined : odoo.userByApiKey(match[1].trim());
      if (!user) return reply.code(401).send(unauthorized);
      const body: unknown = request.body ?? {};
      const { ids, ...named } = isRecordObject(body) ? body : {};
      let status = 200;
      let answer: unknown;
      try {
        const args: OdooValue[] = ids === undefined ? [] : [ids];
        const { value } = await odoo.execute('json2', user.uid, model, method, args, named);
        answer = value ?? null;
      } catch (error) {
        const odooError = asOdooError(error);
        status = odooError.httpStatus;
        answer = odooError.serialize();
      }
      if (await faultsAfter(odoo.faultInjector, target, reply)) return reply;
      return reply
        .code(status)
        .header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify(answer));
    },
  );
}
