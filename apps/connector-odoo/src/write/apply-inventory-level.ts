/**
 * Inventory level → the on-hand quantity of the product at the warehouse's stock location,
 * the way Odoo applies a count (stock_quant.py, docs/erp-protocols.md §1.5):
 *   1. `create` in inventory mode with `inventory_quantity` = quantityOnHand: Odoo finds
 *      the quant of (product, location, no lot/package/owner) or creates it, sets the count
 *      and returns the quant's id; an upsert, so repeating it makes no second quant;
 *   2. the reference field in a separate `write` (inventory-mode writes and creates accept
 *      only inventory fields);
 *   3. `action_apply_inventory`: None means applied.
 * A `stock.inventory.conflict` answer means stock moved between the count and the apply and
 * nothing was applied. The WMS owns inventory levels, so the connector keeps the counted
 * quantity, as the wizard's "Keep Counted Quantity" does: it sets the count again (which
 * recomputes the difference against the current quantity) and applies once more. If stock
 * keeps moving, the write fails as transient (ODOO_INVENTORY_CONFLICT) and is retried later.
 */
import type { InventoryLevel } from '@hub/contracts';
import type { WriteResult } from '@hub/connector-runtime';
import type { OdooClient } from '../odoo/odoo-client';
import { numberOf, toOdooFloat } from '../odoo/odoo-values';
import type { OdooLookups } from './odoo-lookups';
import { WRITE_ERROR_CODES, permanent, transient, wizardModel } from './write-errors';
import type { OdooWriteSettings } from './write-settings';

const INVENTORY_MODE = { inventory_mode: true } as const;
const CONFLICT_WIZARD = 'stock.inventory.conflict';
const APPLY_ATTEMPTS = 2;

export async function applyInventoryLevel(
  client: OdooClient,
  lookups: OdooLookups,
  settings: OdooWriteSettings,
  level: InventoryLevel,
  correlationId: string,
  signal: AbortSignal,
): Promise<WriteResult> {
  const productId = await lookups.productId(level.sku, signal);
  const locationId = await lookups.stockLocationId(level.warehouse, signal);
  const counted = toOdooFloat(level.quantityOnHand);
  for (let attempt = 1; attempt <= APPLY_ATTEMPTS; attempt += 1) {
    const quantId = await client.create(
      'stock.quant',
      { product_id: productId, location_id: locationId, inventory_quantity: counted },
      signal,
      INVENTORY_MODE,
    );
    await client.write(
      'stock.quant',
      [quantId],
      { [settings.referenceField]: correlationId },
      signal,
    );
    const answer = await client.method(
      'stock.quant',
      'action_apply_inventory',
      [quantId],
      signal,
      INVENTORY_MODE,
    );
    const wizard = wizardModel(answer);
    if (wizard === undefined) return { targetReference: `stock.quant/${quantId}` };
    if (wizard !== CONFLICT_WIZARD)
      throw permanent(
        WRITE_ERROR_CODES.unexpectedWizard,
        `Odoo ${settings.systemId} did not apply the count of ${level.sku} at ${level.warehouse}: it asked for the ${wizard} wizard, which the connector does not answer`,
      );
  }
  throw transient(
    WRITE_ERROR_CODES.inventoryConflict,
    `Odoo ${settings.systemId} answered the inventory conflict wizard for ${level.sku} at ${level.warehouse} ${APPLY_ATTEMPTS} times (stock keeps moving there); nothing applied, retried later`,
  );
}

/** A quant carrying this correlation id whose count is no longer pending was applied. */
export async function findAppliedInventoryLevel(
  client: OdooClient,
  settings: OdooWriteSettings,
  correlationId: string,
  signal: AbortSignal,
): Promise<WriteResult | undefined> {
  const quants = await client.searchRead(
    'stock.quant',
    [[settings.referenceField, '=', correlationId]],
    ['id', 'inventory_quantity_set'],
    signal,
    { limit: 1 },
  );
  const quant = quants[0];
  if (quant === undefined || quant.inventory_quantity_set === true) return undefined;
  return { targetReference: `stock.quant/${numberOf(quant.id)}` };
}
