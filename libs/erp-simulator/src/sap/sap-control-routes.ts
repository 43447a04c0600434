/** `/__sim/sap/*`: seed, stock, state, purchase-order changes (with events), CSRF expiry, faults, SAP errors, calls. */
import type { FastifyInstance } from 'fastify';
import { badRequest, registerFaultRoutes } from '../server/control-common';
import type { SapErrorFault, SapSimulator } from './sap-simulator';
import type { SapSeed, SapSeedPurchaseOrder } from './sap-store';

const prefix = '/__sim/sap';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function registerSapControlRoutes(app: FastifyInstance, sap: SapSimulator): void {
  registerFaultRoutes(app, prefix, sap.faults, [
    'outage',
    'latency',
    'rateLimit',
    'failAfterCommit',
    'dropAfterCommit',
  ]);

  app.post(`${prefix}/seed`, (request, reply) => {
    try {
      return reply.code(201).send(sap.seed(request.body as SapSeed));
    } catch (error) {
      return badRequest(reply, [error instanceof Error ? error.message : String(error)]);
    }
  });

  app.get(`${prefix}/state`, () => ({
    stock: Object.fromEntries(sap.store.stock),
    purchaseOrders: [...sap.store.purchaseOrders.values()],
    materialDocuments: sap.store.materialDocuments,
    physInventoryDocuments: sap.store.physInventoryDocuments,
  }));

  // A stock change made in SAP by a user (e.g. a goods issue), racing the hub's writes.
  app.post(`${prefix}/stock`, (request, reply) => {
    const body = request.body;
    if (
      !isObject(body) ||
      typeof body.Material !== 'string' ||
      typeof body.Plant !== 'string' ||
      typeof body.StorageLocation !== 'string' ||
      typeof body.quantity !== 'number'
    )
      return badRequest(reply, [
        'body must be { Material, Plant, StorageLocation, quantity: number }',
      ]);
    sap.store.setStock(body.Material, body.Plant, body.StorageLocation, body.quantity);
    return reply.code(204).send();
  });

  app.post(`${prefix}/errors`, (request, reply) => {
    const body = request.body;
    if (
      !isObject(body) ||
      typeof body.status !== 'number' ||
      typeof body.code !== 'string' ||
      typeof body.message !== 'string'
    )
      return badRequest(reply, [
        'body must be { status: number, code: string, message: string, model?, method?, times? }',
      ]);
    sap.addError(body as unknown as SapErrorFault);
    return reply.code(201).send();
  });
  app.delete(`${prefix}/errors`, (_request, reply) => {
    sap.clearFaults();
    return reply.code(204).send();
  });

  // `{ next: n }`: the next n writes find their token expired; `{}`: every token expires now.
  app.post(`${prefix}/csrf/expire`, (request, reply) => {
    const body = isObject(request.body) ? request.body : {};
    if (typeof body.next === 'number') sap.security.expireNext += body.next;
    else sap.security.expireAll();
    return reply.code(204).send();
  });
  app.put(`${prefix}/csrf`, (request, reply) => {
    const body = request.body;
    if (!isObject(body) || typeof body.ttlMs !== 'number')
      return badRequest(reply, ['body must be { ttlMs: number }']);
    sap.security.csrfTokenTtlMs = body.ttlMs;
    return reply.code(204).send();
  });

  app.put(`${prefix}/events`, (request, reply) => {
    const body = request.body;
    if (!isObject(body) || typeof body.url !== 'string')
      return badRequest(reply, ['body must be { url, bearerToken?, source? }']);
    sap.events.config = body;
    return reply.code(204).send();
  });
  app.get(`${prefix}/events/log`, () => sap.events.log);

  app.post<{ Querystring: { copies?: string } }>(
    `${prefix}/purchase-orders`,
    async (request, reply) => {
      const body = request.body;
      if (!isObject(body) || typeof body.Supplier !== 'string' || !Array.isArray(body.items))
        return badRequest(reply, [
          'body must be { Supplier, items: [{ Material, Plant, OrderQuantity, NetPriceAmount }] }',
        ]);
      const copies = Number(request.query.copies ?? 1);
      return reply.code(201).send({
        PurchaseOrder: await sap.createPurchaseOrder(
          body as unknown as SapSeedPurchaseOrder,
          copies,
        ),
      });
    },
  );
  app.patch<{ Params: { po: string }; Querystring: { copies?: string } }>(
    `${prefix}/purchase-orders/:po`,
    async (request, reply) => {
      if (!sap.store.purchaseOrders.has(request.params.po))
        return badRequest(reply, [`no purchase order ${request.params.po}`]);
      await sap.changePurchaseOrder(
        request.params.po,
        isObject(request.body) ? request.body : {},
        Number(request.query.copies ?? 1),
      );
      return reply.code(204).send();
    },
  );
  app.patch<{ Params: { po: string; item: string } }>(
    `${prefix}/purchase-orders/:po/items/:item`,
    (request, reply) => {
      try {
        sap.changePurchaseOrderItem(
          request.params.po,
          request.params.item,
          isObject(request.body) ? request.body : {},
        );
      } catch (error) {
        return badRequest(reply, [error instanceof Error ? error.message : String(error)]);
      }
      return reply.code(204).send();
    },
  );

  app.get(`${prefix}/calls`, () => ({ calls: sap.calls, security: sap.security.counts }));
  app.delete(`${prefix}/calls`, (_request, reply) => {
    sap.calls.length = 0;
    return reply.code(204).send();
  });
}
