/** `POST /wms/*` (deliveries from the hub) and `/__sim/wms/*` (control). */
import type { FastifyInstance } from 'fastify';
import { faultsAfter, faultsBefore } from '../faults/fault-gate';
import type { WmsBatchEvent } from '../wms/wms-emit';
import type { WmsSimulator } from '../wms/wms-simulator';
import { badRequest, registerFaultRoutes } from './control-common';

const eventTypes: readonly string[] = ['inventory-level.changed', 'goods-receipt.recorded'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEvent(value: unknown): value is WmsBatchEvent {
  return (
    isObject(value) &&
    typeof value.type === 'string' &&
    eventTypes.includes(value.type) &&
    'data' in value
  );
}

/** Registered in its own plugin scope: every body is kept raw for the signature check. */
export function registerWmsReceiveRoutes(app: FastifyInstance, wms: WmsSimulator): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
  app.post('/wms/*', async (request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    const target = { method: path };
    const webhookId = request.headers['webhook-id'];
    const id = typeof webhookId === 'string' ? webhookId : undefined;
    if (await faultsBefore(wms.faultInjector, target, reply)) {
      wms.note({
        webhookId: id,
        path,
        status: reply.raw.headersSent ? reply.statusCode : 0,
        outcome: 'fault',
      });
      return reply;
    }
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.from('');
    const answer = wms.receive(path, request.headers, raw);
    if (await faultsAfter(wms.faultInjector, target, reply)) return reply;
    return reply.code(answer.status).header('content-type', answer.contentType).send(answer.body);
  });
}

export function registerWmsControlRoutes(app: FastifyInstance, wms: WmsSimulator): void {
  const prefix = '/__sim/wms';
  registerFaultRoutes(app, prefix, wms.faultInjector, [
    'outage',
    'latency',
    'rateLimit',
    'failAfterCommit',
    'dropAfterCommit',
    'gone',
  ]);
  app.get(`${prefix}/deliveries`, () => wms.deliveries());
  app.delete(`${prefix}/deliveries`, (_request, reply) => {
    wms.reset();
    return reply.code(204).send();
  });
  app.get(`${prefix}/attempts`, () => wms.attempts());
  app.post(`${prefix}/emit`, async (request, reply) => {
    const body = request.body;
    const batch = isObject(body) && Array.isArray(body.events) ? body.events : undefined;
    if (batch && !batch.every(isEvent))
      return badRequest(reply, ['every event needs a known type and data']);
    if (!batch && !isEvent(body))
      return badRequest(reply, [`type must be one of ${eventTypes.join(', ')}, with data`]);
    if (wms.ingressUrl === undefined)
      return badRequest(reply, ['the WMS simulator has no ingressUrl configured']);
    const sent = batch
      ? await wms.emitBatch(batch)
      : await wms.emit(...emitArgs(body as WmsBatchEvent));
    return reply.send(sent);
  });
}

function emitArgs(event: WmsBatchEvent): [WmsBatchEvent['type'], unknown, { webhookId?: string }] {
  return [
    event.type,
    event.data,
    event.webhookId === undefined ? {} : { webhookId: event.webhookId },
  ];
}
