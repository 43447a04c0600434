/**
 * The runtime's ReadAdapter for SAP: purchase orders. A business event (key only, through the
 * ingress) makes the connector read the PO with its items as it is now; SAP raises its events
 * after the commit, so a PO it cannot find is skipped (deleted), not waited for. Item-only
 * changes may raise no header event: the sweep reads POs by LastChangeDateTime, oldest first,
 * paged by the kit's rule (a page never splits one timestamp).
 */
import {
  sweepPage,
  type FetchResult,
  type ReadAdapter,
  type SweepPage,
  type NotificationMarks,
} from '@hub/connector-runtime';
import type { EntityType, SourceNotificationEvent } from '@hub/contracts';
import {
  dateOf,
  dateTimeOffsetLiteral,
  entityOf,
  literal,
  resultsOf,
  type ODataEntity,
} from '../client/odata-values';
import type { SapClient } from '../client/sap-client';
import { isNotFound } from './not-found';
import { mapPurchaseOrder } from './purchase-order-mapping';

export interface SapReadSettings {
  readonly systemId: string;
  readonly service: string;
  readonly uomMap: Readonly<Record<string, string>>;
  readonly sweepPageSize: number;
}

const EXPAND = 'to_PurchaseOrderItem';

export class SapReadAdapter implements ReadAdapter {
  readonly reads: readonly EntityType[] = ['purchase-order'];

  constructor(
    private readonly client: SapClient,
    private readonly marks: Pick<NotificationMarks, 'claim'>,
    private readonly settings: SapReadSettings,
  ) {}

  async fetch(notification: SourceNotificationEvent, signal: AbortSignal): Promise<FetchResult> {
    const poNumber = notification.payload.resource;
    if (notification.entityType !== 'purchase-order' || !/^\w{1,10}$/.test(poNumber))
      return { kind: 'skip', reason: `${poNumber} is not a purchase order number` };
    // A business event delivered again (same correlation id, another notification) publishes nothing.
    if (
      notification.payload.sourceEventId !== null &&
      !(await this.marks.claim(notification.correlationId, 0, notification.eventId))
    )
      return {
        kind: 'skip',
        reason: `business event ${notification.payload.sourceEventId} about ${poNumber} was handled already (a duplicate delivery)`,
      };
    let order: ODataEntity;
    try {
      const answer = await this.client.request({
        service: this.settings.service,
        path: `A_PurchaseOrder(${literal(poNumber)})`,
        method: 'GET',
        query: { $expand: EXPAND },
        signal,
      });
      order = entityOf(answer.data, `purchase order ${poNumber}`);
    } catch (error) {
      if (isNotFound(error))
        return {
          kind: 'skip',
          reason: `purchase order ${poNumber} does not exist in SAP ${this.settings.systemId} (deleted, or never saved)`,
        };
      throw error;
    }
    return { kind: 'found', records: [this.map(order)] };
  }

  async sweep(since: number, signal: AbortSignal): Promise<SweepPage> {
    const page = await sweepPage<ODataEntity>(
      {
        fetchPage: (from, limit) =>
          this.orders(`LastChangeDateTime ge ${dateTimeOffsetLiteral(from)}`, signal, limit),
        fetchAt: (timestamp) =>
          this.orders(`LastChangeDateTime eq ${dateTimeOffsetLiteral(timestamp)}`, signal),
        timestampOf: (order) => dateOf(order, 'LastChangeDateTime') ?? 0,
      },
      since,
      { pageSize: this.settings.sweepPageSize },
    );
    return {
      records: page.records.map((order) => this.map(order)),
      watermark: page.watermark,
      more: page.more,
    };
  }

  private async orders(
    filter: string,
    signal: AbortSignal,
    limit?: number,
  ): Promise<ODataEntity[]> {
    const answer = await this.client.request({
      service: this.settings.service,
      path: 'A_PurchaseOrder',
      method: 'GET',
      query: {
        $filter: filter,
        $orderby: 'LastChangeDateTime asc',
        $expand: EXPAND,
        ...(limit === undefined ? {} : { $top: String(limit) }),
      },
      signal,
    });
    return resultsOf(answer.data, 'the purchase orders');
  }

  private map(order: ODataEntity) {
    return mapPurchaseOrder(order, this.settings.uomMap, this.settings.systemId);
  }
}
