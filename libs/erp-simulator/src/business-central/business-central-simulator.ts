/**
 * The Business Central simulator module: one tenant and environment with its companies,
 * the API v2.0 subset, the hub extension's API, an Entra-ID-like token endpoint, BC's
 * throttling, webhook subscriptions and fault injection. Control routes under
 * `/__sim/business-central/...` (bc-control-routes.ts).
 */
import type { FastifyInstance } from 'fastify';
import { FaultInjector } from '../faults/fault-injector';
import type { SimulatorModule } from '../simulator-module';
import type { BcApiContext } from './bc-api';
import { BcTokenIssuer, type BcApp } from './bc-auth';
import { registerBcControlRoutes } from './bc-control-routes';
import { registerBcRoutes, type BcRouteDeps } from './bc-routes';
import {
  BcStore,
  type BcCompany,
  type BcPurchaseOrder,
  type BcSeedCompany,
  type BcSeedPurchaseOrder,
} from './bc-store';
import { BC_DEFAULT_RATE_LIMIT, BcThrottle, type BcRateLimit } from './bc-throttle';
import { BcSubscriptions, type BcSubscriptionOptions } from './bc-subscriptions';

export interface BusinessCentralSimOptions {
  /** Default `00000000-0000-0000-0000-00000000c0de`. */
  readonly tenant?: string;
  /** Default `production`. */
  readonly environment?: string;
  /** Entra app registrations allowed to call (client credentials). Default hub-client / hub-secret. */
  readonly apps?: readonly BcApp[];
  /** Default one company `CRONUS` with location MAIN and no items. */
  readonly companies?: readonly BcSeedCompany[];
  readonly rateLimit?: BcRateLimit;
  /** Access token lifetime; default 3599 s. */
  readonly tokenLifetimeSeconds?: number;
  /** Server page size (BC: 20,000). */
  readonly maxPageSize?: number;
  /** Whether the hub extension is installed (default true). */
  readonly extensionInstalled?: boolean;
  readonly overReceiptPercent?: number;
  readonly subscriptions?: BcSubscriptionOptions;
  /** Default Date.now. */
  readonly now?: () => number;
}

export const BC_DEFAULT_TENANT = '00000000-0000-0000-0000-00000000c0de';
export const BC_DEFAULT_APP: BcApp = { clientId: 'hub-client', clientSecret: 'hub-secret' };

export class BusinessCentralSimulator implements SimulatorModule {
  readonly name = 'business-central';
  readonly tenant: string;
  readonly environment: string;
  readonly store: BcStore;
  readonly faults = new FaultInjector();
  readonly tokens: BcTokenIssuer;
  readonly throttle: BcThrottle;
  readonly subscriptions: BcSubscriptions;
  private readonly api: BcApiContext;
  private readonly deps: BcRouteDeps;
  tokenLifetimeSeconds: number;

  constructor(options: BusinessCentralSimOptions = {}) {
    const now = options.now ?? Date.now;
    this.tenant = options.tenant ?? BC_DEFAULT_TENANT;
    this.environment = options.environment ?? 'production';
    this.store = new BcStore(now);
    for (const company of options.companies ?? [{ name: 'CRONUS', locations: ['MAIN'] }])
      this.store.addCompany(company);
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3599;
    this.tokens = new BcTokenIssuer(
      this.tenant,
      options.apps ?? [BC_DEFAULT_APP],
      () => this.tokenLifetimeSeconds,
      now,
    );
    this.throttle = new BcThrottle(options.rateLimit ?? BC_DEFAULT_RATE_LIMIT, now);
    this.api = {
      store: this.store,
      maxPageSize: options.maxPageSize ?? 20_000,
      concurrentEdits: 0,
      overReceiptPercent: options.overReceiptPercent ?? 0,
    };
    this.subscriptions = new BcSubscriptions(this.store, options.subscriptions ?? {}, now);
    this.store.onTouch = (entity) => {
      this.subscriptions.touched(entity);
    };
    this.deps = {
      api: this.api,
      tokens: this.tokens,
      throttle: this.throttle,
      faults: this.faults,
      tenant: this.tenant,
      environment: this.environment,
      extensionInstalled: options.extensionInstalled ?? true,
      subscriptions: (request, principal) => this.subscriptions.handle(request, principal),
      log: [],
    };
  }

  /** Every request admitted to the API, `METHOD entitySet[/action]`, in order. */
  get requests(): readonly string[] {
    return this.deps.log;
  }

  get extensionInstalled(): boolean {
    return this.deps.extensionInstalled;
  }

  set extensionInstalled(installed: boolean) {
    this.deps.extensionInstalled = installed;
  }

  /** Another user edits the next `times` purchase order lines a PATCH targets, just before it lands. */
  concurrentEdits(times: number): void {
    this.api.concurrentEdits = times;
  }

  company(idOrName: string): BcCompany {
    const company = this.store.company(idOrName);
    if (company === undefined) throw new Error(`no company ${idOrName}`);
    return company;
  }

  addPurchaseOrder(companyName: string, seed: BcSeedPurchaseOrder): BcPurchaseOrder {
    const company = this.company(companyName);
    return this.store.addPurchaseOrder(company, seed);
  }

  /** On hand of an item at a location in a company. */
  onHand(companyName: string, item: string, location: string): number {
    return this.store.onHand(this.company(companyName), item, location);
  }

  register(app: FastifyInstance): void {
    this.tokens.register(app);
    registerBcRoutes(app, this.deps);
    registerBcControlRoutes(app, this);
  }

  close(): Promise<void> {
    this.subscriptions.stop();
    return Promise.resolve();
  }
}
