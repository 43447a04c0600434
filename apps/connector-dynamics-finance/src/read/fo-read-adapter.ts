/**
 * The runtime's ReadAdapter for F&O purchase orders. A notification (the ingress turned a
 * "Purchase order confirmed" business event into it) names the legal entity, the order and
 * the event's ControlNumber: a duplicate or older control number for that order publishes
 * nothing (the kit's NotificationMarks); otherwise the order and its lines are read as they are
 * now and mapped. The sweep reads orders by HubModifiedDateTime as the safety net for
 * events F&O gave up on.
 */
import {
  sweepPage,
  type FetchResult,
  type ReadAdapter,
  type SourceRecord,
  type SweepPage,
  type NotificationMarks,
} from '@hub/connector-runtime';
import type { EntityType, SourceNotificationEvent } from '@hub/contracts';
import { literal, type FoClient, type FoRow } from '../fo/fo-client';
import { PO_HEADERS, PO_LINES } from '../write/apply-goods-receipt';
import { mapPurchaseOrder, poRecordId, statusOf, timeOf } from './purchase-order-mapping';

export interface FoReadSettings {
  readonly systemId: string;
  readonly sweepPageSize: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export class FoReadAdapter implements ReadAdapter {
  readonly reads: readonly EntityType[] = ['purchase-order'];

  constructor(
    private readonly client: FoClient,
    private readonly marks: Pick<NotificationMarks, 'claim'>,
    private readonly settings: FoReadSettings,
  ) {}

  async fetch(notification: SourceNotificationEvent, signal: AbortSignal): Promise<FetchResult> {
    if (notification.entityType !== 'purchase-order')
      return { kind: 'skip', reason: `F&O publishes no ${notification.entityType}` };
    const { attributes } = notification.payload;
    const legalEntity = (attributes.legalEntity ?? '').toLowerCase();
    const poNumber = attributes.purchaseOrderNumber;
    if (legalEntity !== this.client.legalEntity)
      return {
        kind: 'skip',
        reason: `legal entity ${legalEntity} is not ${this.client.legalEntity}`,
      };
    if (poNumber === undefined || poNumber === '')
      return { kind: 'skip', reason: 'the notification names no purchase order' };
    const controlNumber = Number(attributes.controlNumber);
    if (Number.isFinite(controlNumber)) {
      const newest = await this.marks.claim(
        poRecordId(legalEntity, poNumber),
        controlNumber,
        notification.eventId,
      );
      if (!newest)
        return {
          kind: 'skip',
          reason: `duplicate or older business event (ControlNumber ${controlNumber})`,
        };
    }
    const { rows } = await this.client.page(
      PO_HEADERS,
      { filter: `PurchaseOrderNumber eq ${literal(poNumber)}`, top: 1 },
      signal,
    );
    const header = rows[0];
    if (header === undefined) return { kind: 'not-yet' };
    if (statusOf(header) === 'draft') return { kind: 'skip', reason: 'a draft purchase order' };
    const [record] = await this.load([header], signal);
    return record === undefined
      ? { kind: 'skip', reason: 'nothing to publish' }
      : { kind: 'found', records: [record] };
  }

  async sweep(since: number, signal: AbortSignal): Promise<SweepPage> {
    const page = await sweepPage<FoRow>(
      {
        fetchPage: (from, limit) =>
          this.client.list(
            PO_HEADERS,
            {
              filter: `HubModifiedDateTime ge ${iso(from)}`,
              orderby: 'HubModifiedDateTime asc,PurchaseOrderNumber asc',
              top: limit,
            },
            signal,
          ),
        fetchAt: (timestamp) =>
          this.client.list(
            PO_HEADERS,
            {
              filter: `HubModifiedDateTime eq ${iso(timestamp)}`,
              orderby: 'PurchaseOrderNumber asc',
            },
            signal,
          ),
        timestampOf: (row) => timeOf(row.HubModifiedDateTime) ?? 0,
      },
      since,
      // F&O keeps UtcDateTime to the second.
      { pageSize: this.settings.sweepPageSize, resolutionMs: 1000 },
    );
    const published = page.records.filter((row) => statusOf(row) !== 'draft');
    return {
      records: await this.load(published, signal),
      watermark: page.watermark,
      more: page.more,
    };
  }

  private async load(headers: readonly FoRow[], signal: AbortSignal): Promise<SourceRecord[]> {
    const records: SourceRecord[] = [];
    for (const header of headers) {
      const lines = await this.client.list(
        PO_LINES,
        { filter: `PurchaseOrderNumber eq ${literal(String(header.PurchaseOrderNumber))}` },
        signal,
      );
      const mapped = mapPurchaseOrder(
        header,
        lines,
        this.client.legalEntity,
        this.settings.systemId,
      );
      records.push({ entityType: 'purchase-order', ...mapped });
    }
    return records;
  }
}
