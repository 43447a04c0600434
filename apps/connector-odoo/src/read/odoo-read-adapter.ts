/**
 * The runtime's ReadAdapter for Odoo: purchase orders. A notification (Odoo's webhook,
 * re-published by the ingress as `<model>/<id>`) is only a hint (§1.6), so the order is
 * read again over RPC; Odoo 17 may send the webhook before its transaction commits, so an
 * order not found yet is `not-yet`, not an error. The sweep pages through orders by
 * `write_date` (naive UTC, whole seconds, pitfall 7) for what webhooks missed (Odoo sends
 * each webhook once and never retries).
 */
import type { FetchResult, ReadAdapter, SweepPage } from '@hub/connector-runtime';
import type { EntityType, SourceNotificationEvent } from '@hub/contracts';
import type { OdooClient } from '../odoo/odoo-client';
import { text } from '../odoo/odoo-values';
import { loadPurchaseOrders } from './purchase-order-loader';
import { PO_FIELDS } from './purchase-order-mapping';
import type { OdooReadSettings } from './read-settings';
import { sweepPurchaseOrders } from './sweep-purchase-orders';

const PURCHASE_ORDER_RESOURCE = /^purchase\.order\/(\d+)$/;

export class OdooReadAdapter implements ReadAdapter {
  readonly reads: readonly EntityType[] = ['purchase-order'];

  constructor(
    private readonly client: OdooClient,
    private readonly settings: OdooReadSettings,
  ) {}

  async fetch(notification: SourceNotificationEvent, signal: AbortSignal): Promise<FetchResult> {
    const { resource } = notification.payload;
    const match = PURCHASE_ORDER_RESOURCE.exec(resource);
    if (notification.entityType !== 'purchase-order' || match === null)
      return { kind: 'skip', reason: `${resource} is not a purchase order` };
    if (notification.payload.changeKind === 'deleted')
      return { kind: 'skip', reason: `${resource} was deleted in Odoo` };
    const id = Number(match[1]);
    const orders = await this.client.searchRead(
      'purchase.order',
      [['id', '=', id]],
      PO_FIELDS,
      signal,
    );
    const order = orders[0];
    if (order === undefined) return { kind: 'not-yet' };
    const state = text(order.state) ?? '';
    if (!this.settings.publishStates.includes(state))
      return {
        kind: 'skip',
        reason: `purchase order ${text(order.name) ?? resource} is in state "${state}", not published (ODOO_PUBLISH_PO_STATES)`,
      };
    return {
      kind: 'found',
      records: await loadPurchaseOrders(this.client, this.settings, [order], signal),
    };
  }

  sweep(since: number, signal: AbortSignal): Promise<SweepPage> {
    return sweepPurchaseOrders(this.client, this.settings, since, signal);
  }
}
