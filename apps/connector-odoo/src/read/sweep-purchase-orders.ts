/**
 * One sweep page: purchase orders in a published state with `write_date` ≥ since, oldest
 * first. Odoo keeps whole seconds, so `since` (epoch ms, inclusive) is rounded up to the
 * next whole second. A full page ends before its last second (those orders start the next
 * page), so a page never splits one second's orders; a full page that is all one second
 * takes that whole second and moves the watermark just past it. The watermark of the last
 * page is its newest second, so the next sweep reads that second again: orders committed
 * late within it are not lost, and the ones re-published have the same correlation id.
 */
import type { SweepPage } from '@hub/connector-runtime';
import type { OdooClient } from '../odoo/odoo-client';
import { formatOdooDateTime, parseOdooDateTime, type OdooRecord } from '../odoo/odoo-values';
import { loadPurchaseOrders } from './purchase-order-loader';
import { PO_FIELDS } from './purchase-order-mapping';
import type { OdooReadSettings } from './read-settings';

const ORDER = 'write_date asc, id asc';

function writeDate(order: OdooRecord | undefined): number | undefined {
  return parseOdooDateTime(order?.write_date);
}

export async function sweepPurchaseOrders(
  client: OdooClient,
  settings: OdooReadSettings,
  since: number,
  signal: AbortSignal,
): Promise<SweepPage> {
  const states = ['state', 'in', [...settings.publishStates]];
  const from = Math.ceil(since / 1000) * 1000;
  const pageSize = settings.sweepPageSize;
  const rows = await client.searchRead(
    'purchase.order',
    [['write_date', '>=', formatOdooDateTime(from)], states],
    PO_FIELDS,
    signal,
    { order: ORDER, limit: pageSize },
  );
  const last = writeDate(rows[rows.length - 1]);
  if (rows.length < pageSize || last === undefined) {
    const records = await loadPurchaseOrders(client, settings, rows, signal);
    return { records, watermark: Math.max(since, last ?? since), more: false };
  }
  const before = rows.filter((row) => (writeDate(row) ?? 0) < last);
  if (before.length > 0) {
    const records = await loadPurchaseOrders(client, settings, before, signal);
    return { records, watermark: last, more: true };
  }
  const wholeSecond = await client.searchRead(
    'purchase.order',
    [['write_date', '=', formatOdooDateTime(last)], states],
    PO_FIELDS,
    signal,
    { order: ORDER },
  );
  const records = await loadPurchaseOrders(client, settings, wholeSecond, signal);
  return { records, watermark: last + 1, more: true };
}
