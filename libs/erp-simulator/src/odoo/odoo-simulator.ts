/**
 * The simulated Odoo: database, authentication, method execution with transactions and
 * webhooks, call counters and faults. Transports (JSON-RPC, XML-RPC, JSON-2) call `execute`.
 * By default it is as strict as a fresh Odoo 17: no custom field exists until created, and
 * webhooks go out before the change is visible.
 */
import { FaultInjector } from '../faults/fault-injector';
import type { ActiveFault, FaultSpec } from '../faults/fault-spec';
import { addOnHand } from './business-quant';
import { createCustomField } from './custom-fields';
import { OdooCallLog, type OdooCall, type OdooTransport } from './odoo-call-log';
import {
  defaultOdooUser,
  odooSuperuserUid,
  type OdooResult,
  type OdooSimOptions,
  type OdooUser,
  type WebhookTiming,
} from './odoo-sim-options';
import { compileDomain } from './odoo-domain';
import { OdooError, odooErrors } from './odoo-errors';
import { resolveMethod } from './odoo-methods';
import { createRecord, type OrmWriteContext, type Touched } from './odoo-orm';
import { requireModel, type CustomFieldDef } from './odoo-registry';
import {
  applySeed,
  seedBaseData,
  warehouseByCode,
  type OdooSeed,
  type SeedResult,
} from './odoo-seed';
import { OdooStore } from './odoo-store';
import { isRecordObject, type OdooKwargs, type OdooValue, type StoredRecord } from './odoo-values';
import { OdooWebhooks, type OdooWebhookConfig, type WebhookAttempt } from './odoo-webhooks';

export { defaultOdooUser };
export type { OdooCall, OdooResult, OdooSimOptions, OdooTransport, OdooUser, WebhookTiming };

const defaultCommitDelayMs = 200;

const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

export class OdooSimulator {
  readonly db: string;
  readonly serverVersion: string;
  readonly users: readonly OdooUser[];
  /** Who hand edits are attributed to (`handEditUid`). */
  readonly handEditUid: number;
  readonly faultInjector = new FaultInjector();
  readonly webhooks: OdooWebhooks;
  webhookTiming: WebhookTiming;
  commitDelayMs: number;
  private readonly store: OdooStore;
  private readonly callLog = new OdooCallLog();

  constructor(options: OdooSimOptions = {}) {
    this.db = options.db ?? 'odoo';
    this.serverVersion = options.serverVersion ?? '17.0';
    this.users = options.users ?? [defaultOdooUser];
    this.handEditUid = options.handEditUid ?? this.users[0]?.uid ?? defaultOdooUser.uid;
    if (!this.users.some((user) => user.uid === this.handEditUid))
      throw new Error(`handEditUid ${String(this.handEditUid)} is not one of the users`);
    if (this.users.some((user) => user.uid <= odooSuperuserUid))
      throw new Error(`uid ${String(odooSuperuserUid)} is the superuser; users start at 2`);
    this.webhookTiming = options.webhookTiming ?? 'before-commit';
    this.commitDelayMs = options.commitDelayMs ?? defaultCommitDelayMs;
    this.store = new OdooStore(options.now ?? (() => new Date()));
    this.webhooks = new OdooWebhooks(this.faultInjector, this.users[0]?.uid ?? 1);
    this.inSyncTransaction(odooSuperuserUid, (ctx) => {
      createRecord(ctx, 'res.users', { name: 'OdooBot', login: '__system__' });
      seedBaseData(ctx, this.store);
      for (const user of [...this.users].sort((a, b) => a.uid - b.uid)) {
        this.store.reserveId('res.users', user.uid - 1);
        createRecord(ctx, 'res.users', { name: user.name ?? user.login, login: user.login });
      }
      for (const field of options.customFields ?? []) createCustomField(ctx, field);
    });
    if (options.seed) this.seed(options.seed);
    for (const hook of options.webhooks ?? []) this.webhooks.add(hook);
  }

  /** JSON-RPC `error.code`: 200 up to 17, 0 from 18 (docs/erp-protocols.md §1.2). */
  get jsonRpcErrorCode(): number {
    return Number.parseInt(this.serverVersion, 10) >= 18 ? 0 : 200;
  }

  seed(seed: OdooSeed): SeedResult {
    return this.inSyncTransaction(odooSuperuserUid, (ctx) => applySeed(ctx, this.store, seed));
  }

  records(model: string, domain?: unknown): StoredRecord[] {
    const predicate = compileDomain(
      this.store,
      requireModel(this.store, model),
      domain as OdooValue | undefined,
    );
    return this.store
      .all(model)
      .filter(predicate)
      .map((record) => ({ ...record }));
  }

  /** Creates a custom field as `create` on `ir.model.fields` does; returns its id there. */
  createCustomField(def: CustomFieldDef): number {
    return this.inSyncTransaction(odooSuperuserUid, (ctx) => createCustomField(ctx, def));
  }

  /** The custom fields created so far. */
  customFields(): CustomFieldDef[] {
    return this.store.schema.customFields();
  }

  record(model: string, id: number): StoredRecord | undefined {
    const found = this.store.get(model, id);
    return found ? { ...found } : undefined;
  }

  /**
   * A stock move happened outside the hub: the quant's quantity changes, a pending count gets
   * outdated. Done by a person in Odoo, so written as `handEditUid`.
   */
  setOnHand(defaultCode: string, warehouseCode: string, quantity: number): void {
    this.inSyncTransaction(this.handEditUid, (ctx) => {
      const product = ctx.tx.all('product.product').find((p) => p.default_code === defaultCode);
      const location = warehouseByCode(ctx, warehouseCode).lot_stock_id;
      if (!product || typeof location !== 'number')
        throw odooErrors.value(`unknown product ${defaultCode}`);
      const quant = ctx.tx
        .all('stock.quant')
        .find((q) => q.product_id === product.id && q.location_id === location);
      const current = typeof quant?.quantity === 'number' ? quant.quantity : 0;
      addOnHand(ctx, product.id, location, quantity - current);
    });
  }

  authenticate(db: string, login: string, password: string): number | false {
    this.checkDb(db);
    const user = this.users.find(
      (u) => u.login === login && (u.password === password || u.apiKey === password),
    );
    return user?.uid ?? false;
  }

  checkObjectAuth(db: string, uid: OdooValue | undefined, password: OdooValue | undefined): number {
    this.checkDb(db);
    const user = this.users.find(
      (u) => u.uid === uid && (u.password === password || u.apiKey === password),
    );
    if (!user) throw odooErrors.accessDenied();
    return user.uid;
  }

  userByApiKey(apiKey: string): OdooUser | undefined {
    return this.users.find((u) => u.apiKey !== undefined && u.apiKey === apiKey);
  }

  /** Runs a model method as `uid`; faults of kind odooError apply here. */
  async execute(
    transport: OdooTransport,
    uid: number,
    model: string,
    method: string,
    args: readonly OdooValue[],
    kwargs: OdooKwargs,
  ): Promise<OdooResult> {
    const injected = this.faultInjector.take('odooError', { model, method });
    if (injected) throw new OdooError(injected.name, injected.message);
    const resolved = resolveMethod(this.store, model, method);
    this.count(transport, model, method);
    const { context: rawContext, ...rest } = kwargs;
    const context = isRecordObject(rawContext) ? rawContext : {};
    const call = { args, kwargs: rest };
    if (resolved.kind === 'read') return { value: resolved.run(this.store, model, call, uid) };
    return this.inTransaction(uid, context, { model, method }, (ctx) =>
      resolved.run(ctx, model, call),
    );
  }

  /** In-process `execute_kw` as the first user, without faults. */
  async rpc(
    model: string,
    method: string,
    args: readonly unknown[],
    kwargs: Readonly<Record<string, unknown>> = {},
  ): Promise<unknown> {
    const wire = JSON.parse(JSON.stringify({ args, kwargs })) as {
      args: OdooValue[];
      kwargs: OdooKwargs;
    };
    const { value } = await this.execute(
      'direct',
      this.users[0]?.uid ?? 2,
      model,
      method,
      wire.args,
      wire.kwargs,
    );
    return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
  }

  count(transport: OdooTransport, model: string, method: string): void {
    this.callLog.count(transport, model, method);
  }

  /** The most recent executed calls (up to 10,000). */
  calls(): readonly OdooCall[] {
    return this.callLog.calls();
  }

  callCounts(): Record<string, number> {
    return this.callLog.callCounts();
  }

  callCount(model: string, method: string): number {
    return this.callLog.callCount(model, method);
  }

  resetCalls(): void {
    this.callLog.reset();
  }

  addFault(spec: FaultSpec): string {
    return this.faultInjector.add(spec);
  }

  faults(): ActiveFault[] {
    return this.faultInjector.list();
  }

  clearFaults(): void {
    this.faultInjector.clear();
  }

  addWebhook(config: OdooWebhookConfig): void {
    this.webhooks.add(config);
  }

  clearWebhooks(): void {
    this.webhooks.clear();
  }

  webhookLog(): readonly WebhookAttempt[] {
    return this.webhooks.log();
  }

  /** The bodies the configured rules of `model` would send for this record now. */
  webhookBodies(model: string, id: number): string[] {
    return this.webhooks
      .list()
      .filter((rule) => rule.model === model)
      .map((rule) => this.webhooks.body(this.store, rule, id));
  }

  async emitWebhook(model: string, id: number): Promise<WebhookAttempt[]> {
    return this.webhooks.send(this.store, [{ model, id }]);
  }

  private checkDb(db: string): void {
    if (db !== this.db)
      throw new OdooError(
        'psycopg2.OperationalError',
        `connection to server failed: FATAL:  database "${db}" does not exist`,
      );
  }

  private inSyncTransaction<T>(uid: number, work: (ctx: OrmWriteContext) => T): T {
    const tx = this.store.begin();
    const result = work({ tx, uid, context: {}, touched: new Map<string, Touched>() });
    tx.commit();
    return result;
  }

  private async inTransaction(
    uid: number,
    context: Readonly<Record<string, OdooValue>>,
    target: { readonly model: string; readonly method: string },
    work: (ctx: OrmWriteContext) => OdooValue | undefined,
  ): Promise<OdooResult> {
    let touched: Touched[] = [];
    const value = await this.store.exclusive(async () => {
      const tx = this.store.begin();
      const ctx: OrmWriteContext = { tx, uid, context, touched: new Map() };
      const result = work(ctx);
      touched = [...ctx.touched.values()];
      if (this.webhookTiming === 'before-commit') {
        // Odoo 17 posts inline, inside the transaction, and the request goes on working
        // after the automation rule: a receiver that reads back at once sees the old state.
        const sent = await this.webhooks.send(tx, touched);
        if (sent.length > 0 && this.commitDelayMs > 0) await delay(this.commitDelayMs);
      }
      // The rest of the request fails: rolled back, though a before-commit webhook went out.
      const failure = this.faultInjector.take('failAfterWebhook', target);
      if (failure)
        throw new OdooError(
          failure.name ?? 'odoo.exceptions.ValidationError',
          failure.message ??
            'The operation cannot be completed: injected failure after the webhook',
        );
      tx.commit();
      return result;
    });
    if (this.webhookTiming === 'after-commit') await this.webhooks.send(this.store, touched);
    return { value };
  }
}
