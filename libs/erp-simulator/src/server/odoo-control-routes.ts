/** `/__sim/odoo/*`: seed, custom fields, read state, webhooks, faults, call counters. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { asOdooError } from '../odoo/odoo-dispatch';
import type { CustomFieldDef } from '../odoo/odoo-registry';
import type { OdooSeed } from '../odoo/odoo-seed';
import type { OdooSimulator } from '../odoo/odoo-simulator';
import type { OdooValue } from '../odoo/odoo-values';
import type { OdooWebhookConfig } from '../odoo/odoo-webhooks';
import { badRequest, registerFaultRoutes } from './control-common';

const prefix = '/__sim/odoo';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Runs a control action; simulator errors (unknown model, bad seed) become 400. */
function attempt(reply: FastifyReply, status: number, action: () => unknown): FastifyReply {
  let result: unknown;
  try {
    result = action();
  } catch (error) {
    return badRequest(reply, [asOdooError(error).message]);
  }
  return status === 204 ? reply.code(204).send() : reply.code(status).send(result);
}

export function registerOdooControlRoutes(app: FastifyInstance, odoo: OdooSimulator): void {
  registerFaultRoutes(app, prefix, odoo.faultInjector, [
    'outage',
    'latency',
    'rateLimit',
    'failAfterCommit',
    'dropAfterCommit',
    'odooError',
    'dropWebhook',
    'failAfterWebhook',
  ]);

  app.post(`${prefix}/seed`, (request, reply) =>
    attempt(reply, 201, () => odoo.seed(request.body as OdooSeed)),
  );

  // A shortcut for tests: the same as `create` on ir.model.fields with the model's ir.model id.
  app.post(`${prefix}/custom-fields`, (request, reply) => {
    const body = request.body;
    if (!isObject(body) || typeof body.model !== 'string' || typeof body.name !== 'string')
      return badRequest(reply, ['body must be { model, name, ttype?, string? }']);
    return attempt(reply, 201, () => ({
      id: odoo.createCustomField(body as unknown as CustomFieldDef),
    }));
  });
  app.get(`${prefix}/custom-fields`, () => odoo.customFields());

  app.get<{ Params: { model: string }; Querystring: { domain?: string } }>(
    `${prefix}/records/:model`,
    (request, reply) =>
      attempt(reply, 200, () => {
        const domain =
          request.query.domain === undefined
            ? undefined
            : (JSON.parse(request.query.domain) as OdooValue);
        return odoo.records(request.params.model, domain);
      }),
  );

  app.post(`${prefix}/on-hand`, (request, reply) => {
    const body = request.body;
    if (
      !isObject(body) ||
      typeof body.default_code !== 'string' ||
      typeof body.warehouse !== 'string' ||
      typeof body.quantity !== 'number'
    )
      return badRequest(reply, [
        'body must be { default_code: string, warehouse: string, quantity: number }',
      ]);
    const { default_code: code, warehouse, quantity } = body;
    return attempt(reply, 204, () => {
      odoo.setOnHand(code, warehouse, quantity);
    });
  });

  app.post(`${prefix}/webhooks`, (request, reply) => {
    const body = request.body;
    if (!isObject(body) || typeof body.model !== 'string' || typeof body.url !== 'string')
      return badRequest(reply, ['body must be { model, url, fields?, actionId?, actionName? }']);
    return attempt(reply, 201, () => {
      odoo.addWebhook(body as unknown as OdooWebhookConfig);
      return odoo.webhooks.list();
    });
  });
  app.get(`${prefix}/webhooks`, () => odoo.webhooks.list());
  app.delete(`${prefix}/webhooks`, (_request, reply) => {
    odoo.clearWebhooks();
    return reply.code(204).send();
  });
  app.post(`${prefix}/webhooks/emit`, async (request, reply) => {
    const body = request.body;
    if (!isObject(body) || typeof body.model !== 'string' || typeof body.id !== 'number')
      return badRequest(reply, ['body must be { model: string, id: number }']);
    return reply.send(await odoo.emitWebhook(body.model, body.id));
  });
  app.get(`${prefix}/webhooks/log`, () => odoo.webhookLog());

  app.get(`${prefix}/calls`, () => odoo.callCounts());
  app.delete(`${prefix}/calls`, (_request, reply) => {
    odoo.resetCalls();
    return reply.code(204).send();
  });
}
