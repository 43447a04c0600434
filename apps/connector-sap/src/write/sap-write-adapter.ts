/** The runtime's WriteAdapter for SAP S/4HANA: inventory levels and goods receipts. */
import type {
  AnyCanonicalEvent,
  WriteAdapter,
  WriteContext,
  WriteResult,
} from '@hub/connector-runtime';
import type { EntityType } from '@hub/contracts';
import { PermanentError } from '@hub/resilience';
import type { SapClient } from '../client/sap-client';
import { applyGoodsReceipt, findMaterialDocument } from './apply-goods-receipt';
import { applyInventoryLevel, findPostedInventoryLevel } from './apply-inventory-level';
import { WRITE_ERROR_CODES, type SapWriteSettings } from './write-settings';

export class SapWriteAdapter implements WriteAdapter {
  readonly writes: readonly EntityType[] = ['inventory-level', 'goods-receipt'];

  constructor(
    private readonly client: SapClient,
    private readonly settings: SapWriteSettings,
  ) {}

  apply(event: AnyCanonicalEvent, context: WriteContext): Promise<WriteResult> {
    switch (event.entityType) {
      case 'inventory-level':
        return applyInventoryLevel(this.client, this.settings, event.payload, context);
      case 'goods-receipt':
        return applyGoodsReceipt(this.client, this.settings, event.payload, context);
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
        return findPostedInventoryLevel(this.client, context.correlationId, context.signal);
      case 'goods-receipt':
        return findMaterialDocument(this.client, context.correlationId, context.signal);
      default:
        return Promise.reject(this.unsupported(event.entityType));
    }
  }

  private unsupported(entityType: EntityType): Error {
    return new PermanentError(
      WRITE_ERROR_CODES.unsupportedEntity,
      `The SAP connector does not write ${entityType} events to SAP ${this.settings.systemId}`,
    );
  }
}
