/**
 * One sweep page: purchase orders in a published state with `write_date` ≥ since, oldest
 * first, paged by the kit's rule (`sweepPage`: a page never splits one timestamp). Odoo
 * keeps whole seconds, hence a resolution of 1000 ms.
 */
import { sweepPage, type SweepPage } from '@hub/connector-runtime';
import type { OdooClient } from '../odoo/odoo-client';
import { formatOdooDateTime, parseOdooDateTime, type OdooRecord } from '../odoo/odoo-values';
import { loadPurchaseOrders } from './purchase-order-loader';
import { PO_FIELDS } from './purchase-order-mapping';
import type { OdooReadSettings } from './read-settings';

const ORDER = 'write_date asc, id asc';

export async function sweepPurchaseOrders(
  client: OdooClient,
  settings: OdooReadSettings,
  since: number,
  signal: AbortSignal,
): Promise<SweepPage> {
  const states = ['state', 'in', [...settings.publishStates]];
  const page = await sweepPage<OdooRecord>(
    {
      fetchPage: (from, limit) =>
        client.searchRead(
          'purchase.order',
          [['write_date', '>=', formatOdooDateTime(from)], states],
          PO_FIELDS,
          signal,
          { order: ORDER, limit },
        ),
      fetchAt: (timestamp) =>
        client.searchRead(
          'purchase.order',
          [['write_date', '=', formatOdooDateTime(timestamp)], states],
          PO_FIELDS,
          signal,
          { order: ORDER },
        ),
      timestampOf: (order) => parseOdooDateTime(order.write_date) ?? 0,
    },
    since,
    { pageSize: settings.sweepPageSize, resolutionMs: 1000 },
  );
  const records = await loadPurchaseOrders(client, settings, page.records, signal);
  return { records, watermark: page.watermark, more: page.more };
}
