/**
 * The simulated Dynamics 365 Finance & Operations as a SimulatorModule: OData at
 * `/fo/data/...`, the Entra-ID-like token service at `/fo/entra/...`, business events to a
 * configured URL, control routes at `/__sim/dynamics-finance/...`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FaultInjector } from '../faults/fault-injector';
import type { FaultSpec } from '../faults/fault-spec';
import { badRequest, registerFaultRoutes } from '../server/control-common';
import type { SimulatorModule } from '../simulator-module';
import {
  FoBusinessEvents,
  type FoBusinessEvent,
  type FoBusinessEventEndpoint,
} from './fo-business-events';
import { registerFoDataRoutes, type FoRequestRecord } from './fo-data-routes';
import { DEFAULT_FO_ENTRA_APP, FoEntra, type FoEntraApp } from './fo-entra';
import { FoStore, type FoSeed, type SeedPurchaseOrderInput } from './fo-store';

export interface DynamicsFinanceSimOptions {
  readonly seed?: FoSeed;
  /** The integration user's default company: what a query without cross-company=true sees. Default usmf. */
  readonly defaultCompany?: string;
  /** Server page size (F&O: 10,000). */
  readonly pageSize?: number;
  readonly apps?: readonly FoEntraApp[];
  /** The https authority host the token documents name. Default https://login.microsoftonline.com. */
  readonly authorityHost?: string;
  readonly tokenLifetimeSeconds?: number;
  readonly businessEvents?: FoBusinessEventEndpoint;
  readonly now?: () => number;
}

const prefix = '/__sim/dynamics-finance';

export class DynamicsFinanceSimulator implements SimulatorModule {
  readonly name = 'dynamics-finance';
  readonly store: FoStore;
  readonly entra: FoEntra;
  readonly events: FoBusinessEvents;
  readonly faultInjector = new FaultInjector();
  readonly requests: FoRequestRecord[] = [];
  defaultCompany: string;
  pageSize: number;
  private readonly now: () => number;

  constructor(options: DynamicsFinanceSimOptions = {}) {
    this.now = options.now ?? Date.now;
    this.store = new FoStore(options.seed ?? {}, this.now);
    this.entra = new FoEntra(
      options.apps ?? [DEFAULT_FO_ENTRA_APP],
      options.authorityHost ?? 'https://login.microsoftonline.com',
      options.tokenLifetimeSeconds ?? 3599,
      this.now,
    );
    this.events = new FoBusinessEvents(this.now);
    this.events.endpoint = options.businessEvents;
    this.defaultCompany = options.defaultCompany ?? 'usmf';
    this.pageSize = options.pageSize ?? 10_000;
  }

  register(app: FastifyInstance): void {
    this.entra.register(app);
    registerFoDataRoutes(app, {
      store: this.store,
      faults: this.faultInjector,
      defaultCompany: () => this.defaultCompany,
      pageSize: () => this.pageSize,
      authorize: (request: FastifyRequest) =>
        this.entra.verify(request.headers.authorization, request.headers.host) !== undefined,
      now: this.now,
      log: this.requests,
    });
    this.registerControl(app);
  }

  addFault(spec: FaultSpec): string {
    return this.faultInjector.add(spec);
  }

  clearFaults(): void {
    this.faultInjector.clear();
  }

  seedPurchaseOrder(input: SeedPurchaseOrderInput): void {
    this.store.seedPurchaseOrder(input);
  }

  /** Confirms the order (as the Confirm button does) and sends "Purchase order confirmed". */
  async confirmPurchaseOrder(
    number: string,
    options: { dataAreaId?: string; duplicate?: boolean } = {},
  ): Promise<{ event: FoBusinessEvent; statuses: number[] }> {
    const po = this.store.purchaseOrder(options.dataAreaId ?? this.defaultCompany, number);
    if (!po) throw new Error(`no purchase order ${number}`);
    po.approval = 'Confirmed';
    po.modifiedAt = this.now();
    const event = this.events.purchaseOrderConfirmed(po);
    return { event, statuses: await this.events.deliver(event, options.duplicate) };
  }

  /** Sends an event again (the business event log's Resend), same ControlNumber and EventId. */
  resend(event: FoBusinessEvent): Promise<number[]> {
    return this.events.deliver(event);
  }

  private registerControl(app: FastifyInstance): void {
    registerFaultRoutes(app, prefix, this.faultInjector, [
      'outage',
      'latency',
      'rateLimit',
      'failAfterCommit',
      'dropAfterCommit',
    ]);
    app.post(`${prefix}/purchase-orders`, (request, reply) => {
      const body = request.body as SeedPurchaseOrderInput | undefined;
      if (typeof body?.number !== 'string' || !Array.isArray(body.lines))
        return badRequest(reply, ['body must be { number, lines: [{ itemNumber, quantity }] }']);
      this.seedPurchaseOrder(body);
      return reply.code(201).send({ number: body.number });
    });
    app.post<{
      Params: { number: string };
      Body: { dataAreaId?: string; duplicate?: boolean } | undefined;
    }>(`${prefix}/purchase-orders/:number/confirm`, async (request, reply) => {
      const body = request.body ?? {};
      if (!this.store.purchaseOrder(body.dataAreaId ?? this.defaultCompany, request.params.number))
        return badRequest(reply, [`no purchase order ${request.params.number}`]);
      return reply.send(await this.confirmPurchaseOrder(request.params.number, body));
    });
    app.put(`${prefix}/business-events/endpoint`, (request, reply) => {
      const body = request.body as FoBusinessEventEndpoint | undefined;
      if (typeof body?.url !== 'string')
        return badRequest(reply, [
          'body must be { url, legalEntityField?, retries?, retryDelayMs? }',
        ]);
      this.events.endpoint = body;
      return reply.code(204).send();
    });
    app.get(`${prefix}/business-events/attempts`, () => this.events.attempts);
    app.get(`${prefix}/requests`, () => this.requests);
    app.get(`${prefix}/state`, () => ({
      journals: this.store.journals,
      postings: this.store.postings,
      purchaseOrders: this.store.purchaseOrders,
      receipts: this.store.receipts,
      onHand: Object.fromEntries(this.store.onHand),
      tokensIssued: this.entra.tokensIssued,
    }));
  }
}
