/** The runtime's WriteAdapter for Odoo: inventory levels and goods receipts. */
import type {
  AnyCanonicalEvent,
  WriteAdapter,
  WriteContext,
  WriteResult,
} from '@hub/connector-runtime';
import type { EntityType } from '@hub/contracts';
import type { OdooClient } from '../odoo/odoo-client';
import { applyGoodsReceipt, findValidatedReceipt } from './apply-goods-receipt';
import { applyInventoryLevel, findAppliedInventoryLevel } from './apply-inventory-level';
import { OdooLookups } from './odoo-lookups';
import { WRITE_ERROR_CODES, permanent } from './write-errors';
import type { OdooWriteSettings } from './write-settings';

export class OdooWriteAdapter implements WriteAdapter {
  readonly writes: readonly EntityType[] = ['inventory-level', 'goods-receipt'];
  private readonly lookups: OdooLookups;

  constructor(
    private readonly client: OdooClient,
    private readonly settings: OdooWriteSettings,
  ) {
    this.lookups = new OdooLookups(client, settings);
  }

  apply(event: AnyCanonicalEvent, context: WriteContext): Promise<WriteResult> {
    const { client, settings, lookups } = this;
    switch (event.entityType) {
      case 'inventory-level':
        return applyInventoryLevel(
          client,
          lookups,
          settings,
          event.payload,
          context.correlationId,
          context.signal,
        );
      case 'goods-receipt':
        return applyGoodsReceipt(
          client,
          settings,
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
        return findAppliedInventoryLevel(
          this.client,
          this.settings,
          context.correlationId,
          context.signal,
        );
      case 'goods-receipt':
        return findValidatedReceipt(
          this.client,
          this.settings,
          context.correlationId,
          context.signal,
        );
      default:
        return Promise.reject(this.unsupported(event.entityType));
    }
  }

  private unsupported(entityType: EntityType): Error {
    return permanent(
      WRITE_ERROR_CODES.unsupportedEntity,
      `The Odoo connector does not write ${entityType} events to Odoo ${this.settings.systemId}`,
    );
  }
}
