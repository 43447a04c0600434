/** Signs and POSTs WMS events to the ingress, one at a time or as a batch. */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export type WmsEventType = 'inventory-level.changed' | 'goods-receipt.recorded';

export interface WmsEmitOptions {
  readonly url?: string;
  readonly webhookId?: string;
  /** Attempt time (webhook-timestamp and body `timestamp`); default now. */
  readonly at?: Date;
  readonly secret?: string;
}

export interface WmsEmitResult {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly webhookId: string;
  readonly requestBody: string;
}

export interface WmsBatchEvent {
  readonly type: WmsEventType;
  readonly data: unknown;
  readonly webhookId?: string;
}

export async function emitWmsEvent(
  defaults: { url: string | undefined; secret: string },
  type: WmsEventType,
  data: unknown,
  options: WmsEmitOptions = {},
): Promise<WmsEmitResult> {
  const url = options.url ?? defaults.url;
  if (url === undefined)
    throw new Error('WMS simulator: no ingressUrl configured and no url given');
  const at = options.at ?? new Date();
  const webhookId = options.webhookId ?? `msg_${randomUUID().replace(/-/g, '')}`;
  const requestBody = JSON.stringify({ type, timestamp: at.toISOString(), data });
  const signature = new Webhook(options.secret ?? defaults.secret).sign(webhookId, at, requestBody);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body: requestBody,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    body = text;
  }
  return {
    status: response.status,
    body,
    headers: Object.fromEntries(response.headers.entries()),
    webhookId,
    requestBody,
  };
}

/** Sends the events with at most `concurrency` in flight; results in the events' order. */
export async function emitWmsBatch(
  defaults: { url: string | undefined; secret: string },
  events: readonly WmsBatchEvent[],
  options: { concurrency?: number; url?: string } = {},
): Promise<WmsEmitResult[]> {
  const results: WmsEmitResult[] = new Array<WmsEmitResult>(events.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < events.length) {
      const index = next;
      next += 1;
      const event = events[index];
      if (event === undefined) continue;
      results[index] = await emitWmsEvent(defaults, event.type, event.data, {
        webhookId: event.webhookId,
        url: options.url,
      });
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 1, events.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
