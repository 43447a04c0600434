/**
 * The load: a pool of distinct WMS deliveries (one SKU each), signed up front with the
 * Standard Webhooks reference library so signing costs nothing during the run, plus the
 * size and headers of the Kafka message the ingress makes from one of them.
 */
import { systemEventIdentity } from '@hub/contracts';
import { encodeHubHeaders, type SchemaRegistrySerde } from '@hub/messaging';
import { Webhook } from 'standardwebhooks';
import { parseWmsBody } from '../src/wms-webhook/wms-envelope';
import { toCanonicalEvent } from '../src/wms-webhook/wms-event';

export interface SignedRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function deliveryBody(sku: string, at: Date): string {
  return JSON.stringify({
    type: 'inventory-level.changed',
    timestamp: at.toISOString(),
    data: {
      sku,
      warehouse: 'WH-BENCH',
      quantityOnHand: '125.50',
      unitOfMeasure: 'PCS',
      asOf: at.toISOString(),
    },
  });
}

export function signedPool(secret: string, size: number, runId: string): SignedRequest[] {
  const webhook = new Webhook(secret);
  const at = new Date();
  const seconds = String(Math.floor(at.getTime() / 1000));
  return Array.from({ length: size }, (_, n) => {
    const id = `msg_${runId}_${String(n)}`;
    const body = deliveryBody(`SKU-${runId}-${String(n).padStart(7, '0')}`, at);
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': seconds,
        'webhook-signature': webhook.sign(id, at, body),
      },
    };
  });
}

/** What the ingress writes to Kafka for one delivery: the Avro value's size and the hub headers. */
export function ingressMessageShape(
  serde: SchemaRegistrySerde,
  request: SignedRequest,
): { valueBytes: number; headers: Record<string, string> } {
  const parsed = parseWmsBody(JSON.parse(request.body));
  if (!parsed.ok) throw new Error(`bench delivery is invalid: ${JSON.stringify(parsed.errors)}`);
  const event = toCanonicalEvent('wms', parsed.delivery, systemEventIdentity);
  const value = serde.encode('erp.inventory-level.v1-value', event);
  const { correlationId, sourceSystem, entityType, entityKey, sourceVersion, eventId } = event;
  return {
    valueBytes: value.length,
    headers: encodeHubHeaders({
      correlationId,
      sourceSystem,
      entityType,
      entityKey,
      sourceVersion,
      eventId,
    }),
  };
}
