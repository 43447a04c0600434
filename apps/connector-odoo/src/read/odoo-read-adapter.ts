/**
 * The runtime's ReadAdapter for Odoo: purchase orders. A notification (Odoo's webhook,
 * re-published by the ingress as `<model>/<id>`) is only a hint (§1.6), so the order is
 * read again over RPC. Odoo 17 sends the webhook inside the transaction, before commit, so
 * the read may not see the change yet: a new order is absent, a changed one still shows its
 * previous state and `write_date`. Both are `not-yet` (the runtime fetches again, then
 * leaves it to the sweep), never published as if current. The sweep pages through orders by
 * `write_date` (naive UTC, whole seconds, pitfall 7) for what webhooks missed (Odoo sends
 * each webhook once and never retries).
 */
import type { FetchResult, ReadAdapter, SweepPage } from '@hub/connector-runtime';
import type { EntityType, SourceNotificationEvent } from '@hub/contracts';
import type { OdooClient } from '../odoo/odoo-client';
import { parseOdooDateTime, text } from '../odoo/odoo-values';
import { loadPurchaseOrders } from './purchase-order-loader';
import { PO_FIELDS } from './purchase-order-mapping';
import type { OdooReadSettings } from './read-settings';
import { sweepPurchaseOrders } from './sweep-purchase-orders';

const PURCHASE_ORDER_RESOURCE = /^purchase\.order\/(\d+)$/;

/**
 * The `write_date` the webhook carried, if it did. The ingress makes it the notification's
 * sourceVersion (whole seconds, as Odoo stores it) and falls back to the time it received
 * the webhook, so a version equal to `receivedAt` or with milliseconds is not Odoo's.
 */
export function notifiedWriteDate(notification: SourceNotificationEvent): number | undefined {
  const version = notification.sourceVersion;
  if (version === notification.payload.receivedAt || version % 1000 !== 0) return undefined;
  return version;
}

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
    const notified = notifiedWriteDate(notification);
    const current = parseOdooDateTime(order.write_date);
    if (notified !== undefined && (current === undefined || current < notified))
      return { kind: 'not-yet' };
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
