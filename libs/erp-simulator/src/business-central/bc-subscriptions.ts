/**
 * BC webhook subscriptions (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/dynamics-subscriptions):
 * `POST /api/v2.0/subscriptions` and `PATCH subscriptions('<id>')` (If-Match) each run the
 * validation handshake (`notificationUrl?validationToken=…`, answered 200 with the token as
 * the body) before they take effect; a subscription expires 3 days after its last renewal;
 * changes are coalesced for 30 s per subscription and sent as one POST
 * `{"value":[{subscriptionId, clientState, expirationDateTime, resource, changeType,
 * lastModifiedDateTime}]}`, or one `collection` notification when more than 1,000 changed.
 * Any answer other than 2xx, 408, 429 or 5xx deletes the subscription; those are retried.
 */
import { randomBytes } from 'node:crypto';
import { checkIfMatch, type BcAnswer, type BcRequest } from './bc-api';
import { BcODataError, collection, entityBody, etagOf, isoOf, recordNotFound } from './bc-odata';
import type { BcCompany, BcStore, BcVersioned } from './bc-store';

export interface BcSubscriptionOptions {
  /** Lifetime after create or renewal; BC: 3 days. */
  readonly expiryMs?: number;
  /** Coalescing delay after the first change; BC: 30 s. */
  readonly delayMs?: number;
  /** More changes than this in one window → one `collection` notification; BC: 1,000. */
  readonly maxNotifications?: number;
  /** Wait before re-sending after a 408/429/5xx. */
  readonly retryDelayMs?: number;
  readonly timeoutMs?: number;
}

/** Entity sets BC supports webhooks for (of those the simulator has). */
const supportedSets = ['items', 'locations'];

interface Subscription extends BcVersioned {
  readonly subscriptionId: string;
  readonly notificationUrl: string;
  readonly resource: string;
  /** A PATCH may change it (BC's update takes the subscription's values). */
  clientState: string;
  readonly userId: string;
  expiresAt: number;
  pending: Map<string, { changeType: string; at: number }>;
  firstChange: number | undefined;
  timer: NodeJS.Timeout | undefined;
}

export interface BcDelivery {
  readonly subscriptionId: string;
  readonly status: number;
  readonly items: number;
  readonly changeTypes: readonly string[];
}

export class BcSubscriptions {
  private readonly all: Subscription[] = [];
  readonly deliveries: BcDelivery[] = [];
  readonly handshakes: { subscriptionId: string | undefined; status: number }[] = [];
  private readonly expiryMs: number;
  private readonly delayMs: number;
  private readonly max: number;
  private readonly retryDelayMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly store: BcStore,
    options: BcSubscriptionOptions,
    private readonly now: () => number,
  ) {
    this.expiryMs = options.expiryMs ?? 3 * 24 * 3600 * 1000;
    this.delayMs = options.delayMs ?? 30_000;
    this.max = options.maxNotifications ?? 1000;
    this.retryDelayMs = options.retryDelayMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  list(): { subscriptionId: string; resource: string; expirationDateTime: string }[] {
    this.expire();
    return this.all.map((s) => ({
      subscriptionId: s.subscriptionId,
      resource: s.resource,
      expirationDateTime: isoOf(s.expiresAt),
    }));
  }

  /** Deletes one as BC would (an operator, or a cleanup) without telling the subscriber. */
  remove(subscriptionId: string): void {
    const index = this.all.findIndex((s) => s.subscriptionId === subscriptionId);
    const [gone] = index < 0 ? [] : this.all.splice(index, 1);
    if (gone?.timer !== undefined) clearTimeout(gone.timer);
  }

  async handle(request: BcRequest, principal: string): Promise<BcAnswer> {
    this.expire();
    const key = request.path.segments[0]?.key;
    const context = `${request.path.contextRoot}subscriptions`;
    const mine = this.all.filter((s) => s.userId === principal);
    if (request.method === 'GET' && key === undefined)
      return {
        status: 200,
        body: collection(
          context,
          mine.map((s) => this.row(s)),
        ),
      };
    if (request.method === 'POST' && key === undefined)
      return this.create(request, principal, context);
    const subscription = mine.find((s) => s.subscriptionId === key);
    if (subscription === undefined) throw recordNotFound('API Webhook Subscription', key ?? '');
    if (request.method === 'GET')
      return { status: 200, body: entityBody(context, this.row(subscription)) };
    checkIfMatch(request.ifMatch, subscription);
    if (request.method === 'DELETE') {
      this.remove(subscription.subscriptionId);
      return { status: 204 };
    }
    if (request.method !== 'PATCH')
      throw new BcODataError(
        405,
        'BadRequest_MethodNotAllowed',
        `'${request.method}' is not allowed.`,
      );
    const { clientState } = (request.body ?? {}) as Readonly<Record<string, unknown>>;
    if (typeof clientState === 'string' && clientState.length > 2048)
      throw new BcODataError(400, 'BadRequest', 'clientState must be at most 2048 characters.');
    await this.handshake(subscription.notificationUrl, subscription.subscriptionId);
    if (typeof clientState === 'string') subscription.clientState = clientState;
    subscription.expiresAt = this.now() + this.expiryMs;
    subscription.version += 1;
    subscription.lastModified = this.now();
    return { status: 200, body: entityBody(context, this.row(subscription)) };
  }

  /** A change of an entity; notifies the subscriptions on its collection after the delay. */
  changed(company: BcCompany, entitySet: string, id: string, changeType: string): void {
    this.expire();
    for (const s of this.all) {
      if (normalize(s.resource) !== `api/v2.0/companies(${company.id})/${entitySet}`) continue;
      s.pending.set(id, { changeType, at: this.now() });
      s.firstChange ??= this.now();
      if (s.timer === undefined) {
        s.timer = setTimeout(() => void this.flush(s), this.delayMs);
        s.timer.unref();
      }
    }
  }

  /** Called by the store on every touched entity. */
  touched(entity: BcVersioned): void {
    for (const company of this.store.companies)
      if (company.items.includes(entity as never))
        this.changed(company, 'items', entity.id, 'updated');
  }

  stop(): void {
    for (const s of this.all) if (s.timer !== undefined) clearTimeout(s.timer);
  }

  private async create(request: BcRequest, principal: string, context: string): Promise<BcAnswer> {
    const body = (request.body ?? {}) as Readonly<Record<string, unknown>>;
    const { notificationUrl, resource, clientState } = body;
    if (typeof notificationUrl !== 'string' || typeof resource !== 'string')
      throw new BcODataError(400, 'BadRequest', 'notificationUrl and resource are required.');
    if (typeof clientState === 'string' && clientState.length > 2048)
      throw new BcODataError(400, 'BadRequest', 'clientState must be at most 2048 characters.');
    const match = /^api\/v2\.0\/companies\(([^)]+)\)\/([A-Za-z]+)$/.exec(normalize(resource));
    if (match === null || this.store.company(match[1] ?? '') === undefined)
      throw new BcODataError(
        400,
        'BadRequest_ResourceNotFound',
        `The resource '${resource}' was not found.`,
      );
    if (!supportedSets.includes(match[2] ?? ''))
      throw new BcODataError(
        400,
        'BadRequest',
        `The entity set '${match[2] ?? ''}' does not support webhook subscriptions.`,
      );
    const subscriptionId = randomBytes(16).toString('hex');
    await this.handshake(notificationUrl, undefined);
    const subscription: Subscription = {
      id: subscriptionId,
      version: 1,
      lastModified: this.now(),
      subscriptionId,
      notificationUrl,
      resource,
      clientState: typeof clientState === 'string' ? clientState : '',
      userId: principal,
      expiresAt: this.now() + this.expiryMs,
      pending: new Map(),
      firstChange: undefined,
      timer: undefined,
    };
    this.all.push(subscription);
    return { status: 201, body: entityBody(context, this.row(subscription)) };
  }

  private async handshake(url: string, subscriptionId: string | undefined): Promise<void> {
    const token = randomBytes(16).toString('hex');
    const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${token}`;
    let status = 0;
    let text = '';
    try {
      const response = await fetch(target, {
        method: 'POST',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch {
      status = 0;
    }
    this.handshakes.push({ subscriptionId, status });
    if (status !== 200 || text.trim() !== token)
      throw new BcODataError(
        400,
        'BadRequest',
        `The subscription was not created or renewed: the notification URL did not answer the validation request with the validation token (status ${status}).`,
      );
  }

  private async flush(s: Subscription): Promise<void> {
    s.timer = undefined;
    if (!this.all.includes(s) || s.pending.size === 0) return;
    const changes = [...s.pending];
    const since = s.firstChange ?? this.now();
    s.pending = new Map();
    s.firstChange = undefined;
    const base = normalize(s.resource);
    const item = (resource: string, changeType: string, at: number) => ({
      subscriptionId: s.subscriptionId,
      clientState: s.clientState,
      expirationDateTime: isoOf(s.expiresAt),
      resource,
      changeType,
      lastModifiedDateTime: isoOf(at),
    });
    const value =
      changes.length > this.max
        ? [
            item(
              `${base}?$filter=lastModifiedDateTime gt ${isoOf(since - 1)}`,
              'collection',
              this.now(),
            ),
          ]
        : changes.map(([id, c]) => item(`${base}(${id})`, c.changeType, c.at));
    let status = 0;
    try {
      const response = await fetch(s.notificationUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ value }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
    } catch {
      status = 0;
    }
    this.deliveries.push({
      subscriptionId: s.subscriptionId,
      status,
      items: value.length,
      changeTypes: value.map((v) => v.changeType),
    });
    if ((status >= 200 && status < 300) || !isRetried(status)) {
      if (!(status >= 200 && status < 300)) this.remove(s.subscriptionId);
      return;
    }
    for (const [id, c] of changes) if (!s.pending.has(id)) s.pending.set(id, c);
    s.firstChange ??= since;
    s.timer = setTimeout(() => void this.flush(s), this.retryDelayMs);
    s.timer.unref();
  }

  private expire(): void {
    for (const s of [...this.all]) if (s.expiresAt <= this.now()) this.remove(s.subscriptionId);
  }

  private row(s: Subscription): Record<string, unknown> {
    return {
      '@odata.etag': etagOf(s.id, s.version),
      subscriptionId: s.subscriptionId,
      notificationUrl: s.notificationUrl,
      resource: s.resource,
      userId: s.userId,
      lastModifiedDateTime: isoOf(s.lastModified),
      clientState: s.clientState,
      expirationDateTime: isoOf(s.expiresAt),
      systemCreatedAt: isoOf(s.lastModified),
    };
  }
}

/** BC's samples show `resource` with and without a leading slash. */
function normalize(resource: string): string {
  return resource.replace(/^\/+/, '');
}

/** BC retries only 408, 429 and 5xx (and a connection failure). */
function isRetried(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
