/**
 * The SAP S/4HANA simulator module: OData V2 services under `/sap/opu/odata/sap/<SERVICE>/`,
 * the OAuth token endpoint `/sap/bc/sec/oauth2/token`, business events to a configured URL,
 * and control routes under `/__sim/sap/`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FaultInjector } from '../faults/fault-injector';
import { faultsAfter, faultsBefore } from '../faults/fault-gate';
import type { FaultSpec } from '../faults/fault-spec';
import type { SimulatorModule } from '../simulator-module';
import { registerSapControlRoutes } from './sap-control-routes';
import { dispatchOData, parseODataPath } from './sap-dispatch';
import { SapEventEmitter, type PurchaseOrderEventKind, type SapEventsConfig } from './sap-events';
import { metadataXml } from './sap-metadata';
import { SapODataError, sendODataError } from './sap-odata';
import { SapSecurity, type SapSecurityOptions } from './sap-security';
import { SapStore, type SapSeed, type SapSeedPurchaseOrder } from './sap-store';

export interface SapSimOptions extends SapSecurityOptions {
  readonly seed?: SapSeed;
  readonly events?: SapEventsConfig;
  readonly clock?: () => number;
}

/** An SAP error answer to inject (the OData V2 error JSON with this code and text). */
export interface SapErrorFault {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** Entity set or function import; any when absent. */
  readonly model?: string;
  /** HTTP method; any when absent. */
  readonly method?: string;
  readonly times?: number;
}

export interface SapCall {
  readonly method: string;
  readonly model: string;
  readonly status: number;
  readonly repeatabilityRequestId: string | undefined;
}

export const DEFAULT_SAP_USER = { name: 'HUB_COMM_USER', password: 'hub-comm-password' } as const;

export class SapSimulator implements SimulatorModule {
  readonly name = 'sap';
  readonly store: SapStore;
  readonly security: SapSecurity;
  readonly events: SapEventEmitter;
  readonly faults = new FaultInjector();
  readonly calls: SapCall[] = [];
  private errors: { spec: SapErrorFault; remaining: number | undefined }[] = [];

  constructor(options: SapSimOptions = {}) {
    const clock = options.clock ?? Date.now;
    this.store = new SapStore(clock);
    this.security = new SapSecurity(
      {
        ...options,
        users: options.users ?? { [DEFAULT_SAP_USER.name]: DEFAULT_SAP_USER.password },
      },
      clock,
    );
    this.events = new SapEventEmitter(options.events);
    if (options.seed !== undefined) this.store.seed(options.seed);
  }

  seed(seed: SapSeed): { purchaseOrders: string[] } {
    return this.store.seed(seed);
  }

  addFault(spec: FaultSpec): string {
    return this.faults.add(spec);
  }

  addError(spec: SapErrorFault): void {
    this.errors.push({ spec, remaining: spec.times });
  }

  clearFaults(): void {
    this.faults.clear();
    this.errors = [];
  }

  callsTo(model: string, method?: string): SapCall[] {
    return this.calls.filter(
      (c) => c.model === model && (method === undefined || c.method === method),
    );
  }

  /** Creates a PO in SAP and raises `PurchaseOrder.Created` (`copies` deliveries of one event). */
  async createPurchaseOrder(seed: SapSeedPurchaseOrder, copies = 1): Promise<string> {
    const number = this.store.createPurchaseOrder(seed);
    await this.raise('Created', number, copies);
    return number;
  }

  /** A change in the PO header (supplier, status, deletion): LastChangeDateTime moves, `Changed` is raised. */
  async changePurchaseOrder(
    number: string,
    change: {
      Supplier?: string;
      PurchasingProcessingStatus?: string;
      PurchasingDocumentDeletionCode?: string;
    },
    copies = 1,
  ): Promise<void> {
    const po = this.store.purchaseOrders.get(number);
    if (po === undefined) throw new Error(`no purchase order ${number}`);
    Object.assign(po, change);
    po.LastChangeDateTime = this.store.now();
    await this.raise('Changed', number, copies);
  }

  /** An item-only change: LastChangeDateTime moves, no header event is raised. */
  changePurchaseOrderItem(
    number: string,
    item: string,
    change: { OrderQuantity?: number; NetPriceAmount?: number },
  ): void {
    const po = this.store.purchaseOrders.get(number);
    const line = po?.items.find((i) => i.PurchaseOrderItem === item);
    if (po === undefined || line === undefined)
      throw new Error(`no purchase order item ${number} ${item}`);
    Object.assign(line, change);
    po.LastChangeDateTime = this.store.now();
  }

  private async raise(kind: PurchaseOrderEventKind, number: string, copies: number): Promise<void> {
    const po = this.store.purchaseOrders.get(number);
    if (po !== undefined) await this.events.emit(kind, number, po.LastChangeDateTime, copies);
  }

  register(app: FastifyInstance): void {
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'string' },
      (_request, body: string, done) => {
        try {
          done(null, body.trim() === '' ? undefined : (JSON.parse(body) as unknown));
        } catch {
          done(new SapODataError(400, '/IWBEP/CM_MGW_RT/001', 'Malformed JSON body'), undefined);
        }
      },
    );
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_r, body, done) => {
        done(null, body);
      },
    );
    app.setErrorHandler((error, _request, reply) =>
      error instanceof SapODataError ? sendODataError(reply, error) : reply.send(error),
    );
    app.post('/sap/bc/sec/oauth2/token', (request, reply) =>
      this.security.issueAccessToken(request, reply),
    );
    app.route({
      method: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
      url: '/sap/opu/odata/sap/:service/*',
      exposeHeadRoute: false,
      handler: (request, reply) => this.handle(request, reply),
    });
    registerSapControlRoutes(app, this);
  }

  private async handle(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
    const { service, '*': rest } = request.params as { service: string; '*': string };
    if (!this.security.authenticate(request, reply)) return reply;
    this.security.issueCsrfIfAsked(request, reply);
    if (request.method === 'HEAD') return reply.code(200).send();
    if (rest === '$metadata' && request.method === 'GET') {
      if (await faultsBefore(this.faults, { method: 'GET', model: '$metadata' }, reply))
        return undefined;
      const xml = metadataXml(service);
      if (xml === undefined)
        return sendODataError(
          reply,
          new SapODataError(404, '/IWBEP/CM_MGW_RT/020', `Service ${service} not found`),
        );
      return reply.header('content-type', 'application/xml').send(xml);
    }
    if (!this.security.checkCsrf(request, reply)) return reply;
    let model = '';
    try {
      const path = parseODataPath(service, rest);
      model = path.target;
      const target = { method: request.method, model };
      if (await faultsBefore(this.faults, target, reply)) return undefined;
      const injected = this.takeError(target.method, model);
      if (injected !== undefined)
        throw new SapODataError(injected.status, injected.code, injected.message, service);
      const answer = dispatchOData(this.store, path, request);
      this.record(request, model, answer.status);
      if (request.method !== 'GET' && (await faultsAfter(this.faults, target, reply)))
        return undefined;
      for (const [name, value] of Object.entries(answer.headers ?? {}))
        void reply.header(name, value);
      return await reply.code(answer.status).header('dataserviceversion', '2.0').send(answer.body);
    } catch (error) {
      if (!(error instanceof SapODataError)) throw error;
      this.record(request, model, error.status);
      return sendODataError(reply, error);
    }
  }

  private record(request: FastifyRequest, model: string, status: number): void {
    const id = request.headers['repeatability-request-id'];
    this.calls.push({
      method: request.method,
      model,
      status,
      repeatabilityRequestId: typeof id === 'string' ? id : undefined,
    });
  }

  private takeError(method: string, model: string): SapErrorFault | undefined {
    const entry = this.errors.find(
      (e) =>
        (e.spec.model === undefined || e.spec.model === model) &&
        (e.spec.method === undefined || e.spec.method === method),
    );
    if (entry === undefined) return undefined;
    if (entry.remaining !== undefined) {
      entry.remaining -= 1;
      if (entry.remaining <= 0) this.errors = this.errors.filter((e) => e !== entry);
    }
    return entry.spec;
  }
}
