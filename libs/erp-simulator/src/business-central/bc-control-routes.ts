/**
 * The Business Central module's control routes, `/__sim/business-central/...`: faults (any
 * kind scoped by `method` = the action, e.g. `setInventory` / `receiveOnly`, or the HTTP
 * method, and `model` = the entity set path, e.g. `hubItems`), the extension switch,
 * concurrent edits, throttling, subscriptions, and per company: items and locations seeded,
 * a released purchase order created as a buyer would, one item's and one order's figures,
 * and the report of what BC booked (every hub inventory write with its reference, the item
 * ledger, posted receipts with their lines, orders with received quantities, on hand).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FaultInjector } from '../faults/fault-injector';
import type { FaultKind } from '../faults/fault-spec';
import { badRequest, registerFaultRoutes } from '../server/control-common';
import type { BcSubscriptions } from './bc-subscriptions';
import type {
  BcStore,
  BcCompany,
  BcPurchaseOrder,
  BcSeedItem,
  BcSeedPurchaseOrder,
} from './bc-store';
import type { BcRateLimit, BcThrottle } from './bc-throttle';

/** What the routes need of the module. */
export interface BcControlTarget {
  readonly store: BcStore;
  readonly faults: FaultInjector;
  readonly throttle: BcThrottle;
  readonly subscriptions: BcSubscriptions;
  readonly requests: readonly string[];
  readonly tokens: { readonly issued: number };
  extensionInstalled: boolean;
  concurrentEdits(times: number): void;
  company(idOrName: string): BcCompany;
  addPurchaseOrder(companyName: string, seed: BcSeedPurchaseOrder): BcPurchaseOrder;
}

const prefix = '/__sim/business-central';

const faultKinds: readonly FaultKind[] = [
  'outage',
  'latency',
  'rateLimit',
  'failAfterCommit',
  'dropAfterCommit',
  'gone',
];

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

function onHandByItem(store: BcStore, company: BcCompany): Record<string, Record<string, number>> {
  return Object.fromEntries(
    company.items.map((i) => [
      i.number,
      Object.fromEntries(
        company.locations.map((l) => [l.code, store.onHand(company, i.number, l.code)]),
      ),
    ]),
  );
}

function orderLines(order: BcPurchaseOrder) {
  return order.lines.map((line) => ({
    sequence: line.sequence,
    item: line.lineObjectNumber,
    quantity: line.quantity,
    receivedQuantity: line.receivedQuantity,
  }));
}

/** What BC booked in one company: the records a check reads, never what a receiver kept. */
function report(store: BcStore, company: BcCompany) {
  return {
    inventoryWrites: company.inventoryWrites.map((w) => ({
      hubReference: w.hubReference,
      itemNumber: w.itemNumber,
      locationCode: w.locationCode,
      quantity: w.quantity,
      adjustment: w.adjustment,
      sourceVersion: w.sourceVersion,
    })),
    ledgerEntries: company.ledger,
    receipts: company.receipts.map((r) => ({
      number: r.number,
      orderNumber: r.orderNumber,
      lines: r.lines.map((l) => ({
        sequence: l.sequence,
        item: l.lineObjectNumber,
        quantity: l.quantity,
      })),
    })),
    purchaseOrders: company.purchaseOrders.map((o) => ({
      number: o.number,
      status: o.status,
      lines: orderLines(o),
    })),
    onHand: onHandByItem(store, company),
  };
}

function registerModuleRoutes(app: FastifyInstance, bc: BcControlTarget): void {
  registerFaultRoutes(app, prefix, bc.faults, faultKinds);
  app.post(`${prefix}/extension`, (request, reply) => {
    const installed = (request.body as { installed?: unknown } | null)?.installed;
    if (typeof installed !== 'boolean') return badRequest(reply, ['installed must be a boolean']);
    bc.extensionInstalled = installed;
    return reply.code(204).send();
  });
  app.post(`${prefix}/concurrent-edits`, (request, reply) => {
    const times = (request.body as { times?: unknown } | null)?.times;
    if (typeof times !== 'number' || times < 0)
      return badRequest(reply, ['times must be a number ≥ 0']);
    bc.concurrentEdits(times);
    return reply.code(204).send();
  });
  app.post(`${prefix}/purchase-orders`, (request, reply) => {
    const body = (request.body ?? {}) as { company?: unknown } & Partial<BcSeedPurchaseOrder>;
    if (typeof body.company !== 'string' || !Array.isArray(body.lines))
      return badRequest(reply, ['company (id or name) and lines are required']);
    try {
      const order = bc.addPurchaseOrder(body.company, { ...body, lines: body.lines });
      return reply.code(201).send({ id: order.id, number: order.number });
    } catch (error) {
      return badRequest(reply, [messageOf(error)]);
    }
  });
  app.post(`${prefix}/rate-limit`, (request, reply) => {
    const { requests, windowMs } = (request.body ?? {}) as Partial<BcRateLimit>;
    if (
      typeof requests !== 'number' ||
      typeof windowMs !== 'number' ||
      requests < 1 ||
      windowMs < 1
    )
      return badRequest(reply, ['requests and windowMs must be positive numbers']);
    bc.throttle.limit = { requests, windowMs };
    return reply.code(204).send();
  });
  app.delete(`${prefix}/subscriptions/:id`, (request, reply) => {
    bc.subscriptions.remove((request.params as { id: string }).id);
    return reply.code(204).send();
  });
  app.get(`${prefix}/state`, () => ({
    requests: bc.requests.length,
    tokensIssued: bc.tokens.issued,
    companies: bc.store.companies.map((c) => ({
      id: c.id,
      name: c.name,
      receipts: c.receipts.map((r) => ({
        number: r.number,
        orderNumber: r.orderNumber,
        lines: r.lines.length,
      })),
      inventoryWrites: c.inventoryWrites.length,
      onHand: onHandByItem(bc.store, c),
      ledgerEntries: c.ledger.length,
    })),
    subscriptions: bc.subscriptions.list(),
  }));
}

type CompanyParams = { Params: { company: string } };

/** Runs `answer` on the named company; an unknown company or bad input is a 400. */
function inCompany(
  bc: BcControlTarget,
  name: string,
  reply: FastifyReply,
  answer: (company: BcCompany) => FastifyReply,
): FastifyReply {
  let company: BcCompany;
  try {
    company = bc.company(name);
  } catch (error) {
    return badRequest(reply, [messageOf(error)]);
  }
  try {
    return answer(company);
  } catch (error) {
    return badRequest(reply, [messageOf(error)]);
  }
}

function seedProblems(body: { items?: unknown; locations?: unknown }): string[] {
  const items = body.items ?? [];
  const locations = body.locations ?? [];
  const problems: string[] = [];
  if (
    !Array.isArray(items) ||
    !items.every((i) => typeof (i as BcSeedItem | null)?.number === 'string')
  )
    problems.push('items must be a list of {number, displayName?, unit?}');
  if (!Array.isArray(locations) || !locations.every((l) => typeof l === 'string'))
    problems.push('locations must be a list of location codes');
  return problems;
}

function registerCompanyRoutes(app: FastifyInstance, bc: BcControlTarget): void {
  const company = `${prefix}/companies/:company`;
  app.post<CompanyParams & { Body: { items?: BcSeedItem[]; locations?: string[] } | null }>(
    `${company}/items`,
    (request, reply) => {
      const body = request.body ?? {};
      const problems = seedProblems(body);
      if (problems.length > 0) return badRequest(reply, problems);
      return inCompany(bc, request.params.company, reply, (found) => {
        for (const code of body.locations ?? []) bc.store.addLocation(found, code);
        const items = (body.items ?? []).map((seed) => bc.store.addItem(found, seed));
        return reply.code(201).send({ items: items.map((i) => ({ number: i.number, id: i.id })) });
      });
    },
  );
  app.post<CompanyParams & { Body: Partial<BcSeedPurchaseOrder> | null }>(
    `${company}/purchase-orders`,
    (request, reply) =>
      inCompany(bc, request.params.company, reply, (found) => {
        const body = request.body ?? {};
        const { lines } = body;
        if (!Array.isArray(lines)) throw new Error('lines are required');
        const order = bc.store.addPurchaseOrder(found, { status: 'Open', ...body, lines });
        const created = orderLines(order).map(({ receivedQuantity: _, ...line }) => line);
        return reply.code(201).send({ id: order.id, number: order.number, lines: created });
      }),
  );
  app.get<CompanyParams & { Params: { item: string }; Querystring: { location?: string } }>(
    `${company}/items/:item`,
    (request, reply) =>
      inCompany(bc, request.params.company, reply, (found) => {
        const { item } = request.params;
        return reply.send({
          onHand: bc.store.onHand(found, item, request.query.location ?? ''),
          inventoryWrites: found.inventoryWrites.filter((w) => w.itemNumber === item).length,
        });
      }),
  );
  app.get<CompanyParams & { Params: { number: string } }>(
    `${company}/purchase-orders/:number`,
    (request, reply) =>
      inCompany(bc, request.params.company, reply, (found) => {
        const { number } = request.params;
        const order = found.purchaseOrders.find((candidate) => candidate.number === number);
        if (order === undefined)
          return reply.code(404).send({ title: 'Not found', detail: `no order ${number}` });
        return reply.send({
          receipts: found.receipts.filter((receipt) => receipt.orderNumber === number).length,
          lines: orderLines(order),
        });
      }),
  );
  app.get<CompanyParams>(`${company}/report`, (request, reply) =>
    inCompany(bc, request.params.company, reply, (found) => reply.send(report(bc.store, found))),
  );
}

export function registerBcControlRoutes(app: FastifyInstance, bc: BcControlTarget): void {
  registerModuleRoutes(app, bc);
  registerCompanyRoutes(app, bc);
}
