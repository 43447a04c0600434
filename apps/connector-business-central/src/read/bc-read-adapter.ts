/**
 * The runtime's ReadAdapter for Business Central purchase orders. BC has no webhook for
 * purchaseOrders, so the sweep is their source (CONNECTOR_SWEEP_MODE=primary, technical
 * debt): orders of every read company with lastModifiedDateTime ≥ the watermark, oldest
 * first, each with its lines ($expand: lines carry no timestamp, so a changed order's
 * lines are read again with it), paged by the kit's rule. `fetch` serves a notification
 * naming one order (what the PurchaseOrderReleased business event would send).
 */
import {
  sweepPage,
  type FetchResult,
  type ReadAdapter,
  type SweepPage,
} from '@hub/connector-runtime';
import type { EntityType, SourceNotificationEvent } from '@hub/contracts';
import { TransientError } from '@hub/resilience';
import type { BcClient, BcRow } from '../bc/bc-client';
import { withQuery, type BcDirectory } from '../bc/bc-directory';
import { mapPurchaseOrder } from './purchase-order-mapping';

export interface BcReadSettings {
  readonly systemId: string;
  readonly companies: readonly string[];
  readonly publishStatuses: readonly string[];
  readonly pageSize: number;
}

interface CompanyRow {
  readonly companyId: string;
  readonly row: BcRow;
}

const ORDER_PATTERN = /companies\(([^)]+)\)\/purchaseOrders\(([^)]+)\)/;

export class BcReadAdapter implements ReadAdapter {
  readonly reads: readonly EntityType[] = ['purchase-order'];

  constructor(
    private readonly client: BcClient,
    private readonly directory: BcDirectory,
    private readonly settings: BcReadSettings,
  ) {}

  async fetch(notification: SourceNotificationEvent, signal: AbortSignal): Promise<FetchResult> {
    const match = ORDER_PATTERN.exec(decodeURIComponent(notification.payload.resource));
    if (match === null)
      return { kind: 'skip', reason: `not a purchase order: ${notification.payload.resource}` };
    const [, companyId = '', id = ''] = match;
    let row: BcRow;
    try {
      row = await this.client.get(
        withQuery(this.client.standard(companyId, `purchaseOrders(${id})`), {
          $expand: 'purchaseOrderLines',
        }),
        'purchaseOrders',
        signal,
      );
    } catch (error) {
      if (error instanceof TransientError) throw error;
      return {
        kind: 'skip',
        reason: `purchase order ${id} is gone from Business Central ${this.settings.systemId}`,
      };
    }
    if (Date.parse(String(row.lastModifiedDateTime)) < notification.sourceVersion)
      return { kind: 'not-yet' };
    if (!this.settings.publishStatuses.includes(String(row.status)))
      return {
        kind: 'skip',
        reason: `purchase order ${String(row.number)} is ${String(row.status)}`,
      };
    return {
      kind: 'found',
      records: [
        {
          entityType: 'purchase-order',
          ...mapPurchaseOrder(row, companyId, this.settings.systemId),
        },
      ],
    };
  }

  async sweep(since: number, signal: AbortSignal): Promise<SweepPage> {
    const companyIds = await Promise.all(
      this.settings.companies.map((c) => this.directory.companyId(c, signal)),
    );
    const read = async (filter: string, top?: number): Promise<CompanyRow[]> => {
      const perCompany = await Promise.all(
        companyIds.map(async (companyId) => {
          const query: Record<string, string> = {
            $filter: filter,
            $orderby: 'lastModifiedDateTime,number',
            $expand: 'purchaseOrderLines',
            ...(top === undefined ? {} : { $top: String(top) }),
          };
          const rows = await this.client.list(
            withQuery(this.client.standard(companyId, 'purchaseOrders'), query),
            'purchaseOrders',
            signal,
          );
          return rows.map((row) => ({ companyId, row }));
        }),
      );
      return perCompany.flat().sort((a, b) => timestampOf(a) - timestampOf(b));
    };
    const page = await sweepPage<CompanyRow>(
      {
        // Each company's first `limit` rows merged: the first `limit` of the merge are the oldest overall.
        fetchPage: async (from, limit) =>
          (await read(`lastModifiedDateTime ge ${iso(from)}`, limit)).slice(0, limit),
        fetchAt: (timestamp) => read(`lastModifiedDateTime eq ${iso(timestamp)}`),
        timestampOf,
      },
      since,
      { pageSize: this.settings.pageSize },
    );
    const records = page.records
      .filter(({ row }) => this.settings.publishStatuses.includes(String(row.status)))
      .map(({ companyId, row }) => ({
        entityType: 'purchase-order' as const,
        ...mapPurchaseOrder(row, companyId, this.settings.systemId),
      }));
    return { records, watermark: page.watermark, more: page.more };
  }
}

function timestampOf(entry: CompanyRow): number {
  return Date.parse(String(entry.row.lastModifiedDateTime));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
