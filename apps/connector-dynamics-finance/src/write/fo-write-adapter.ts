/** The runtime's WriteAdapter for F&O: inventory levels (counting journals) and goods receipts (product receipts). */
import { EntityWriteAdapter, TtlCache } from '@hub/connector-runtime';
import type { FoClient } from '../fo/fo-client';
import { applyGoodsReceipt, findPriorReceipt } from './apply-goods-receipt';
import { applyInventoryLevel, findPostedJournal } from './apply-inventory-level';

export interface FoWriteSettings {
  readonly systemId: string;
  readonly journalNameId: string;
  /** How long warehouse → site is cached, ms. */
  readonly siteCacheTtlMs?: number;
}

export class FoWriteAdapter extends EntityWriteAdapter {
  constructor(client: FoClient, settings: FoWriteSettings) {
    const sites = new TtlCache<string>({ ttlMs: settings.siteCacheTtlMs ?? 300_000 });
    super(`F&O ${settings.systemId}`, {
      'inventory-level': {
        apply: (level, context) => applyInventoryLevel(client, sites, settings, level, context),
        findPriorWrite: (_level, context) =>
          findPostedJournal(client, context.correlationId, context.signal),
      },
      'goods-receipt': {
        apply: (receipt, context) =>
          applyGoodsReceipt(
            client,
            settings.systemId,
            receipt,
            context.correlationId,
            context.signal,
          ),
        findPriorWrite: (receipt, context) =>
          findPriorReceipt(client, receipt, context.correlationId, context.signal),
      },
    });
  }
}
