/**
 * SAP business events as S/4HANA sends them through Event Mesh: CloudEvents 1.0 in structured
 * mode, key-only data (`{"PurchaseOrder": "4500000001"}`), to one configured URL with a
 * bearer token; each event may be delivered more than once (the same id again).
 */
import { randomUUID } from 'node:crypto';

export type PurchaseOrderEventKind = 'Created' | 'Changed';

export interface SapEventsConfig {
  /** The webhook URL (the hub's ingress `/webhooks/sap/<systemId>`); no URL, no delivery. */
  readonly url?: string;
  readonly bearerToken?: string;
  /** CloudEvent `source`, e.g. `/default/sap.s4.beh/730431274`. */
  readonly source?: string;
}

export interface SapEventDelivery {
  readonly id: string;
  readonly type: string;
  readonly purchaseOrder: string;
  readonly status: number | 'failed';
}

export class SapEventEmitter {
  readonly log: SapEventDelivery[] = [];
  config: SapEventsConfig;

  constructor(config: SapEventsConfig = {}) {
    this.config = config;
  }

  /** Sends the event `copies` times (duplicates keep the id); answers the deliveries. */
  async emit(
    kind: PurchaseOrderEventKind,
    purchaseOrder: string,
    at: number,
    copies = 1,
  ): Promise<SapEventDelivery[]> {
    const { url, bearerToken, source } = this.config;
    if (url === undefined) return [];
    const type = `sap.s4.beh.purchaseorder.v1.PurchaseOrder.${kind}.v1`;
    const event = {
      type,
      specversion: '1.0',
      source: source ?? '/default/sap.s4.beh/730431274',
      id: randomUUID(),
      time: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      datacontenttype: 'application/json',
      data: { PurchaseOrder: purchaseOrder },
    };
    const deliveries: SapEventDelivery[] = [];
    for (let copy = 0; copy < copies; copy += 1) {
      let status: number | 'failed';
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/cloudevents+json',
            ...(bearerToken === undefined ? {} : { authorization: `Bearer ${bearerToken}` }),
          },
          body: JSON.stringify(event),
        });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 'failed';
      }
      const delivery = { id: event.id, type, purchaseOrder, status };
      this.log.push(delivery);
      deliveries.push(delivery);
    }
    return deliveries;
  }
}
