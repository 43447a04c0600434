/** WMS deliveries built from the documented formats, signed with the standardwebhooks library. */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export function inventoryDelivery(
  sku: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'inventory-level.changed',
    timestamp: '2026-11-27T02:40:00Z',
    data: {
      sku,
      warehouse: 'WH-EAST',
      quantityOnHand: '125.50',
      unitOfMeasure: 'PCS',
      asOf: '2026-11-27T02:39:58.123Z',
      ...overrides,
    },
  };
}

export interface SignedDelivery {
  readonly headers: Record<string, string>;
  readonly body: string;
}

export function signDelivery(
  secret: string,
  body: string,
  { id = `msg_${randomUUID()}`, at = new Date() }: { id?: string; at?: Date } = {},
): SignedDelivery {
  const signature = new Webhook(secret).sign(id, at, body);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}

export async function post(
  url: string,
  delivery: SignedDelivery,
): Promise<{
  status: number;
  contentType: string | null;
  body: Record<string, unknown>;
  retryAfter: string | null;
}> {
  const response = await fetch(url, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}
