/**
 * The simulated WMS. Receiving: Standard Webhooks deliveries from the hub (connector-http),
 * verified with the `standardwebhooks` package, deduplicated on `webhook-id`. Emitting:
 * signed `{type, timestamp, data}` events to the ingress (apps/ingress README, "WMS").
 */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { FaultInjector } from '../faults/fault-injector';
import type { ActiveFault, FaultSpec } from '../faults/fault-spec';
import {
  emitWmsBatch,
  emitWmsEvent,
  type WmsBatchEvent,
  type WmsEmitOptions,
  type WmsEmitResult,
  type WmsEventType,
} from './wms-emit';

/** A fixed test secret (33 bytes), so tests and the demo agree without configuration. */
export const DEFAULT_WMS_SECRET = `whsec_${Buffer.from('hub-erp-simulator-wms-test-secret').toString('base64')}`;

export interface WmsSimOptions {
  /** Secret the hub signs deliveries to the WMS with. */
  readonly receiveSecret?: string;
  /** Secret the WMS signs its events to the ingress with. */
  readonly emitSecret?: string;
  /** Where emitted events go, e.g. http://127.0.0.1:3000/webhooks/wms/wms. */
  readonly ingressUrl?: string;
}

export interface WmsDelivery {
  readonly webhookId: string;
  readonly path: string;
  readonly body: unknown;
  readonly rawBody: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly receivedAt: string;
  /** Requests that carried this webhook-id and passed the signature check. */
  attempts: number;
}

export interface WmsAttempt {
  readonly webhookId: string | undefined;
  readonly path: string;
  readonly status: number;
  readonly outcome: 'accepted' | 'duplicate' | 'rejected' | 'fault';
  readonly reason?: string;
  readonly at: string;
}

export interface WmsReceiveAnswer {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
  readonly contentType: string;
}

function header(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export class WmsSimulator {
  readonly faultInjector = new FaultInjector();
  readonly receiveSecret: string;
  readonly emitSecret: string;
  ingressUrl: string | undefined;
  private readonly verifier: Webhook;
  private received = new Map<string, WmsDelivery>();
  private attemptLog: WmsAttempt[] = [];

  constructor(options: WmsSimOptions = {}) {
    this.receiveSecret = options.receiveSecret ?? DEFAULT_WMS_SECRET;
    this.emitSecret = options.emitSecret ?? DEFAULT_WMS_SECRET;
    this.ingressUrl = options.ingressUrl;
    this.verifier = new Webhook(this.receiveSecret);
  }

  /** Verifies and records one delivery; the answer the route sends (faults aside). */
  receive(
    path: string,
    headers: Readonly<Record<string, string | string[] | undefined>>,
    rawBody: Buffer,
  ): WmsReceiveAnswer {
    const webhookId = header(headers, 'webhook-id');
    const signed = {
      'webhook-id': webhookId ?? '',
      'webhook-timestamp': header(headers, 'webhook-timestamp') ?? '',
      'webhook-signature': header(headers, 'webhook-signature') ?? '',
    };
    const text = rawBody.toString('utf8');
    let body: unknown;
    try {
      body = this.verifier.verify(text, signed);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.note({ webhookId, path, status: 401, outcome: 'rejected', reason });
      return {
        status: 401,
        contentType: 'application/problem+json',
        body: {
          type: 'urn:wms:problem:signature-invalid',
          title: 'Signature invalid',
          status: 401,
          detail: reason,
        },
      };
    }
    const id = signed['webhook-id'];
    const known = this.received.get(id);
    if (known) {
      known.attempts += 1;
      this.note({ webhookId: id, path, status: 200, outcome: 'duplicate' });
      return { status: 200, contentType: 'application/json', body: { status: 'duplicate' } };
    }
    this.received.set(id, {
      webhookId: id,
      path,
      body,
      rawBody: text,
      headers: signed,
      receivedAt: new Date().toISOString(),
      attempts: 1,
    });
    this.note({ webhookId: id, path, status: 200, outcome: 'accepted' });
    return { status: 200, contentType: 'application/json', body: { status: 'accepted' } };
  }

  note(attempt: Omit<WmsAttempt, 'at'>): void {
    this.attemptLog.push({ ...attempt, at: new Date().toISOString() });
  }

  deliveries(): WmsDelivery[] {
    return [...this.received.values()].map((d) => ({ ...d }));
  }

  attempts(): WmsAttempt[] {
    return [...this.attemptLog];
  }

  reset(): void {
    this.received = new Map();
    this.attemptLog = [];
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

  newWebhookId(): string {
    return `msg_${randomUUID().replace(/-/g, '')}`;
  }

  emit(type: WmsEventType, data: unknown, options?: WmsEmitOptions): Promise<WmsEmitResult> {
    return emitWmsEvent(this.emitDefaults(), type, data, options);
  }

  emitInventoryLevel(data: unknown, options?: WmsEmitOptions): Promise<WmsEmitResult> {
    return this.emit('inventory-level.changed', data, options);
  }

  emitGoodsReceipt(data: unknown, options?: WmsEmitOptions): Promise<WmsEmitResult> {
    return this.emit('goods-receipt.recorded', data, options);
  }

  emitBatch(
    events: readonly WmsBatchEvent[],
    options?: { concurrency?: number; url?: string },
  ): Promise<WmsEmitResult[]> {
    return emitWmsBatch(this.emitDefaults(), events, options);
  }

  private emitDefaults(): { url: string | undefined; secret: string } {
    return { url: this.ingressUrl, secret: this.emitSecret };
  }
}
