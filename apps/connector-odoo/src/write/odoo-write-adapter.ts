/** The runtime's WriteAdapter for Odoo: inventory levels and goods receipts. */
import { EntityWriteAdapter } from '@hub/connector-runtime';
import type { OdooClient } from '../odoo/odoo-client';
import { applyGoodsReceipt, findValidatedReceipt } from './apply-goods-receipt';
import { applyInventoryLevel, findAppliedInventoryLevel } from './apply-inventory-level';
import { OdooLookups } from './odoo-lookups';
import type { OdooWriteSettings } from './write-settings';

export class OdooWriteAdapter extends EntityWriteAdapter {
  constructor(client: OdooClient, settings: OdooWriteSettings) {
    const lookups = new OdooLookups(client, settings);
    super(`Odoo ${settings.systemId}`, {
      'inventory-level': {
        apply: (level, { correlationId, signal }) =>
          applyInventoryLevel(client, lookups, settings, level, correlationId, signal),
        findPriorWrite: (_level, { correlationId, signal }) =>
          findAppliedInventoryLevel(client, settings, correlationId, signal),
      },
      'goods-receipt': {
        apply: (receipt, { correlationId, signal }) =>
          applyGoodsReceipt(client, settings, receipt, correlationId, signal),
        findPriorWrite: (_receipt, { correlationId, signal }) =>
          findValidatedReceipt(client, settings, correlationId, signal),
      },
    });
  }
}
