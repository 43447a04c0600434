/**
 * Goods receipt → the PO's incoming picking, validated with the quantities received
 * (docs/erp-protocols.md §1.5; move fields per version in move-quantity.ts):
 *   1. `purchase.order` by name = poNumber, confirmed (`purchase`/`done`);
 *   2. its oldest incoming `stock.picking` not done or cancelled, and that picking's moves;
 *   3. plan (receipt-plan.ts: match by product, over-receipt check), then write the
 *      correlation id on the picking, the quantities on the moves (17+: received ones
 *      `quantity` + `picked`; the others 0 and not picked, left for the backorder);
 *   4. `button_validate`. A `stock.backorder.confirmation` answer (partial receipt) is
 *      answered the way the wizard's buttons do it: validate again with `skip_backorder`,
 *      and with `picking_ids_not_to_backorder` when ODOO_BACKORDER=none.
 * The picking's reference field lets findPriorWrite see a validation the hub never recorded.
 */
import type { GoodsReceipt } from '@hub/contracts';
import type { WriteResult } from '@hub/connector-runtime';
import type { OdooClient } from '../odoo/odoo-client';
import { many2oneId, numberOf, text, type OdooRecord } from '../odoo/odoo-values';
import { receivedMoveValues } from './move-quantity';
import { planReceipt, type OpenMove } from './receipt-plan';
import { WRITE_ERROR_CODES, permanent, wizardModel } from './write-errors';
import type { OdooWriteSettings } from './write-settings';

const BACKORDER_WIZARD = 'stock.backorder.confirmation';
const RECEIVABLE_PO_STATES = new Set(['purchase', 'done']);

export async function applyGoodsReceipt(
  client: OdooClient,
  settings: OdooWriteSettings,
  receipt: GoodsReceipt,
  correlationId: string,
  signal: AbortSignal,
): Promise<WriteResult> {
  const { systemId } = settings;
  const order = await findPurchaseOrder(client, settings, receipt, signal);
  const pickings = await client.searchRead(
    'stock.picking',
    [
      ['purchase_id', '=', numberOf(order.id)],
      ['picking_type_code', '=', 'incoming'],
      ['state', 'not in', ['done', 'cancel']],
    ],
    ['id', 'name'],
    signal,
    { order: 'id asc', limit: 1 },
  );
  const picking = pickings[0];
  if (picking === undefined)
    throw permanent(
      WRITE_ERROR_CODES.noOpenReceipt,
      `Purchase order ${receipt.poNumber} has no open receipt in Odoo ${systemId} (all received or cancelled); receipt ${receipt.receiptId} not applied`,
    );
  const pickingId = numberOf(picking.id);
  const pickingName = text(picking.name) ?? `stock.picking/${pickingId}`;
  const moves = await openMoves(client, pickingId, signal);
  const plan = planReceipt(receipt, moves, {
    systemId,
    pickingName,
    tolerancePercent: settings.overReceiptTolerancePercent,
  });

  await client.write(
    'stock.picking',
    [pickingId],
    { [settings.referenceField]: correlationId },
    signal,
  );
  for (const { moveId, quantity } of plan.received)
    await client.write(
      'stock.move',
      [moveId],
      receivedMoveValues(settings.odooMajorVersion, quantity),
      signal,
    );
  if (plan.notReceived.length > 0)
    await client.write(
      'stock.move',
      plan.notReceived,
      receivedMoveValues(settings.odooMajorVersion, 0),
      signal,
    );

  let answer = await client.method('stock.picking', 'button_validate', [pickingId], signal);
  if (wizardModel(answer) === BACKORDER_WIZARD) {
    const context = {
      skip_backorder: true,
      picking_ids_not_to_backorder: settings.backorder === 'none' ? [pickingId] : [],
    };
    answer = await client.method('stock.picking', 'button_validate', [pickingId], signal, context);
  }
  const wizard = wizardModel(answer);
  if (wizard !== undefined)
    throw permanent(
      WRITE_ERROR_CODES.unexpectedWizard,
      `Odoo ${systemId} did not validate receipt ${pickingName} of purchase order ${receipt.poNumber}: it asked for the ${wizard} wizard, which the connector does not answer`,
    );
  return { targetReference: pickingName };
}

async function findPurchaseOrder(
  client: OdooClient,
  settings: OdooWriteSettings,
  receipt: GoodsReceipt,
  signal: AbortSignal,
): Promise<OdooRecord> {
  const orders = await client.searchRead(
    'purchase.order',
    [['name', '=', receipt.poNumber]],
    ['id', 'state'],
    signal,
    {
      limit: 1,
    },
  );
  const order = orders[0];
  if (order === undefined)
    throw permanent(
      WRITE_ERROR_CODES.unknownPurchaseOrder,
      `Purchase order ${receipt.poNumber} does not exist in Odoo ${settings.systemId}; receipt ${receipt.receiptId} cannot be matched`,
    );
  const state = text(order.state) ?? 'unknown';
  if (!RECEIVABLE_PO_STATES.has(state))
    throw permanent(
      WRITE_ERROR_CODES.purchaseOrderNotConfirmed,
      `Purchase order ${receipt.poNumber} is in state "${state}" in Odoo ${settings.systemId}; only confirmed orders can be received (receipt ${receipt.receiptId})`,
    );
  return order;
}

async function openMoves(
  client: OdooClient,
  pickingId: number,
  signal: AbortSignal,
): Promise<OpenMove[]> {
  const moves = await client.searchRead(
    'stock.move',
    [
      ['picking_id', '=', pickingId],
      ['state', 'not in', ['done', 'cancel']],
    ],
    ['id', 'product_id', 'product_uom_qty', 'purchase_line_id'],
    signal,
  );
  const productIds = [
    ...new Set(moves.map((move) => many2oneId(move.product_id)).filter((id) => id !== undefined)),
  ];
  const products = await client.read('product.product', productIds, ['default_code'], signal);
  const skuById = new Map(
    products.map((product) => [numberOf(product.id), text(product.default_code)]),
  );
  return moves.map((move) => ({
    id: numberOf(move.id),
    sku: skuById.get(many2oneId(move.product_id) ?? 0),
    demand: numberOf(move.product_uom_qty),
    purchaseLineId: many2oneId(move.purchase_line_id),
  }));
}

/** A done picking carrying this correlation id means the receipt was validated. */
export async function findValidatedReceipt(
  client: OdooClient,
  settings: OdooWriteSettings,
  correlationId: string,
  signal: AbortSignal,
): Promise<WriteResult | undefined> {
  const pickings = await client.searchRead(
    'stock.picking',
    [
      [settings.referenceField, '=', correlationId],
      ['state', '=', 'done'],
    ],
    ['id', 'name'],
    signal,
    { limit: 1 },
  );
  const picking = pickings[0];
  if (picking === undefined) return undefined;
  return { targetReference: text(picking.name) ?? `stock.picking/${numberOf(picking.id)}` };
}
