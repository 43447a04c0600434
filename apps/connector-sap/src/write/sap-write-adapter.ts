/** The runtime's WriteAdapter for SAP S/4HANA: inventory levels and goods receipts. */
import { EntityWriteAdapter } from '@hub/connector-runtime';
import type { SapClient } from '../client/sap-client';
import { applyGoodsReceipt, findMaterialDocument } from './apply-goods-receipt';
import { applyInventoryLevel, findPostedInventoryLevel } from './apply-inventory-level';
import type { SapWriteSettings } from './write-settings';

export class SapWriteAdapter extends EntityWriteAdapter {
  constructor(client: SapClient, settings: SapWriteSettings) {
    super(`SAP ${settings.systemId}`, {
      'inventory-level': {
        apply: (level, context) => applyInventoryLevel(client, settings, level, context),
        findPriorWrite: (_level, context) =>
          findPostedInventoryLevel(client, context.correlationId, context.signal),
      },
      'goods-receipt': {
        apply: (receipt, context) => applyGoodsReceipt(client, settings, receipt, context),
        findPriorWrite: (_receipt, context) =>
          findMaterialDocument(client, context.correlationId, context.signal),
      },
    });
  }
}
