/**
 * A canonical event → the hub's outgoing webhook body, in Standard Webhooks' recommended
 * `{type, timestamp, data}` shape (docs/erp-protocols.md §5.2), the same shape the WMS sends to
 * the ingress (apps/ingress/README.md): `data` is the entity in the contracts' JSON form.
 *
 * The body is a pure function of the event, so every retry sends the same bytes under the
 * same webhook-id: `timestamp` is when the change happened at the source (sourceVersion),
 * not when this attempt was made (that is the signed `webhook-timestamp` header).
 */
import {
  formatTimestamp,
  payloadJsonForm,
  type AnyCanonicalEvent,
  type JsonValue,
} from '@hub/contracts';

export interface WebhookBody {
  readonly type: string;
  readonly timestamp: string;
  readonly data: JsonValue;
}

/** Dot-delimited event types (`contact.created` style); a purchase order's names its status. */
export function webhookEventType(event: AnyCanonicalEvent): string {
  switch (event.entityType) {
    case 'purchase-order':
      return `purchase-order.${event.payload.status}`;
    case 'inventory-level':
      return 'inventory-level.changed';
    case 'goods-receipt':
      return 'goods-receipt.recorded';
  }
}

export function webhookBody(event: AnyCanonicalEvent): WebhookBody {
  return {
    type: webhookEventType(event),
    timestamp: formatTimestamp(event.sourceVersion),
    data: payloadJsonForm(event),
  };
}

/** The exact bytes that are signed and sent. */
export function serializeWebhookBody(event: AnyCanonicalEvent): string {
  return JSON.stringify(webhookBody(event));
}
