/** The runtime's WriteAdapter for F&O: inventory levels (counting journals) and goods receipts (product receipts). */
import {
  TtlCache,
  type AnyCanonicalEvent,
  type WriteAdapter,
  type WriteContext,
  type WriteResult,
} from '@hub/connector-runtime';
import type { EntityType } from '@hub/contracts';
import { PermanentError } from '@hub/resilience';
import type { FoClient } from '../fo/fo-client';
import { applyGoodsReceipt, findPriorReceipt } from './apply-goods-receipt';
import { applyInventoryLevel, findPostedJournal } from './apply-inventory-level';
import { WRITE_ERROR_CODES } from './write-errors';

export interface FoWriteSettings {
  readonly systemId: string;
  readonly journalNameId: string;
  /** How long warehouse → site is cached, ms. */
  readonly siteCacheTtlMs?: number;
}

export class FoWriteAdapter implements WriteAdapter {
  readonly writes: readonly EntityType[] = ['inventory-level', 'goods-receipt'];
  private readonly sites: TtlCache<string>;

  constructor(
    private readonly client: FoClient,
    private readonly settings: FoWriteSettings,
  ) {
    this.sites = new TtlCache<string>({ ttlMs: settings.siteCacheTtlMs ?? 300_000 });
  }

  apply(event: AnyCanonicalEvent, context: WriteContext): Promise<WriteResult> {
    switch (event.entityType) {
      case 'inventory-level':
        return applyInventoryLevel(this.client, this.sites, this.settings, event.payload, context);
      case 'goods-receipt':
        return applyGoodsReceipt(
          this.client,
          this.settings.systemId,
          event.payload,
          context.correlationId,
          context.signal,
        );
      default:
        return Promise.reject(this.unsupported(event.entityType));
    }
  }

  findPriorWrite(
    event: AnyCanonicalEvent,
    context: WriteContext,
  ): Promise<WriteResult | undefined> {
    switch (event.entityType) {
      case 'inventory-level':
        return findPostedJournal(this.client, context.correlationId, context.signal);
      case 'goods-receipt':
        return findPriorReceipt(this.client, event.payload, context.correlationId, context.signal);
      default:
        return Promise.reject(this.unsupported(event.entityType));
    }
  }

  private unsupported(entityType: EntityType): Error {
    return new PermanentError(
      WRITE_ERROR_CODES.unsupportedEntity,
      `The F&O connector does not write ${entityType} events to F&O ${this.settings.systemId}`,
    );
  }
}
