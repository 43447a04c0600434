/** The runtime's WriteAdapter for Business Central: inventory levels and goods receipts. */
import type {
  AnyCanonicalEvent,
  WriteAdapter,
  WriteContext,
  WriteResult,
} from '@hub/connector-runtime';
import type { EntityType } from '@hub/contracts';
import { PermanentError } from '@hub/resilience';
import type { BcClient } from '../bc/bc-client';
import type { BcDirectory } from '../bc/bc-directory';
import { findPostedReceipt, receiveGoods, type ReceiptSettings } from './receive-goods';
import { findInventoryWrite, setInventory } from './set-inventory';

export class BcWriteAdapter implements WriteAdapter {
  readonly writes: readonly EntityType[] = ['inventory-level', 'goods-receipt'];

  constructor(
    private readonly client: BcClient,
    private readonly directory: BcDirectory,
    private readonly settings: ReceiptSettings,
  ) {}

  apply(event: AnyCanonicalEvent, context: WriteContext): Promise<WriteResult> {
    const { client, directory, settings } = this;
    switch (event.entityType) {
      case 'inventory-level':
        return setInventory(
          client,
          directory,
          event.payload,
          { correlationId: context.correlationId, sourceVersion: event.sourceVersion },
          context.signal,
        );
      case 'goods-receipt':
        return receiveGoods(
          client,
          directory,
          settings,
          event.payload,
          context.correlationId,
          context.signal,
        );
      default:
        return Promise.reject(this.unsupported(event.entityType));
    }
  }

  async findPriorWrite(
    event: AnyCanonicalEvent,
    context: WriteContext,
  ): Promise<WriteResult | undefined> {
    switch (event.entityType) {
      case 'inventory-level':
        return findInventoryWrite(
          this.client,
          await this.directory.target(event.payload.warehouse, context.signal),
          context.correlationId,
          context.signal,
        );
      case 'goods-receipt':
        return findPostedReceipt(
          this.client,
          await this.directory.target(event.payload.warehouse, context.signal),
          context.correlationId,
          context.signal,
        );
      default:
        throw this.unsupported(event.entityType);
    }
  }

  private unsupported(entityType: EntityType): Error {
    return new PermanentError(
      'BC_UNSUPPORTED_ENTITY',
      `The Business Central connector does not write ${entityType} events to Business Central ${this.settings.systemId}`,
    );
  }
}
