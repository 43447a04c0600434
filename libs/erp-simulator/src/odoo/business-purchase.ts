/**
 * Purchase and receipt flow: confirming a PO creates its incoming picking (moves reserved
 * at once, `quantity` = demand, as Odoo 17 does for receipts); validating the picking
 * receives what the moves say, raises `qty_received` on the PO lines and the on-hand
 * quantity, or answers the backorder wizard for a short receipt.
 */
import { addOnHand } from './business-quant';
import { odooErrors } from './odoo-errors';
import { createRecord, writeRecords, type OrmWriteContext } from './odoo-orm';
import { asNumber, type OdooValue, type StoredRecord } from './odoo-values';

function requireRecords(
  ctx: OrmWriteContext,
  model: string,
  ids: readonly number[],
): StoredRecord[] {
  const missing = ids.filter((id) => ctx.tx.get(model, id) === undefined);
  if (missing.length > 0) throw odooErrors.missing(model, missing, ctx.uid);
  return ids.map((id) => ctx.tx.get(model, id) as StoredRecord);
}

function vendorLocation(ctx: OrmWriteContext): number | false {
  return ctx.tx.all('stock.location').find((l) => l.usage === 'supplier')?.id ?? false;
}

export function purchaseButtonConfirm(ctx: OrmWriteContext, ids: readonly number[]): true {
  for (const order of requireRecords(ctx, 'purchase.order', ids)) {
    if (order.state !== 'draft' && order.state !== 'sent') continue;
    writeRecords(ctx, 'purchase.order', [order.id], {
      state: 'purchase',
      date_approve: ctx.tx.now(),
    });
    const lines = ctx.tx
      .all('purchase.order.line')
      .filter((l) => l.order_id === order.id && typeof l.product_id === 'number');
    if (lines.length === 0) continue;
    const type =
      typeof order.picking_type_id === 'number'
        ? ctx.tx.get('stock.picking.type', order.picking_type_id)
        : undefined;
    if (!type)
      throw odooErrors.user('Please define an incoming operation type for this purchase order.');
    const source = vendorLocation(ctx);
    const destination = type.default_location_dest_id ?? false;
    const pickingId = createRecord(ctx, 'stock.picking', {
      origin: order.name ?? false,
      partner_id: order.partner_id ?? false,
      picking_type_id: type.id,
      location_id: source,
      location_dest_id: destination,
      purchase_id: order.id,
      state: 'assigned',
      scheduled_date: order.date_planned ?? ctx.tx.now(),
    });
    for (const line of lines) {
      createRecord(ctx, 'stock.move', {
        name: line.name ?? false,
        origin: order.name ?? false,
        picking_id: pickingId,
        product_id: line.product_id ?? false,
        product_uom_qty: asNumber(line.product_qty),
        quantity: asNumber(line.product_qty),
        picked: false,
        product_uom: line.product_uom ?? false,
        state: 'assigned',
        location_id: source,
        location_dest_id: destination,
        purchase_line_id: line.id,
      });
    }
  }
  return true;
}

/** Returns None (no `result` key over JSON-RPC), as Odoo 17's `button_cancel` does. */
export function purchaseButtonCancel(
  ctx: OrmWriteContext,
  ids: readonly number[],
): OdooValue | undefined {
  for (const order of requireRecords(ctx, 'purchase.order', ids)) {
    const pickings = ctx.tx.all('stock.picking').filter((p) => p.purchase_id === order.id);
    if (pickings.some((p) => p.state === 'done'))
      throw odooErrors.user(
        `Unable to cancel purchase order ${typeof order.name === 'string' ? order.name : order.id} as some receptions have already been done.`,
      );
    for (const picking of pickings) {
      writeRecords(ctx, 'stock.picking', [picking.id], { state: 'cancel' });
      const moves = ctx.tx.all('stock.move').filter((m) => m.picking_id === picking.id);
      writeRecords(
        ctx,
        'stock.move',
        moves.map((m) => m.id),
        { state: 'cancel' },
      );
    }
    writeRecords(ctx, 'purchase.order', [order.id], { state: 'cancel' });
  }
  return undefined;
}

interface CountedMove {
  readonly move: StoredRecord;
  readonly done: number;
  readonly demand: number;
}

function countedMoves(ctx: OrmWriteContext, picking: StoredRecord): CountedMove[] {
  const moves = ctx.tx
    .all('stock.move')
    .filter((m) => m.picking_id === picking.id && m.state !== 'done' && m.state !== 'cancel');
  const anyPicked = moves.some((m) => m.picked === true);
  return moves.map((move) => ({
    move,
    done: !anyPicked || move.picked === true ? asNumber(move.quantity) : 0,
    demand: asNumber(move.product_uom_qty),
  }));
}

function backorderWizard(ctx: OrmWriteContext, pickingIds: readonly number[]): OdooValue {
  return {
    name: 'Create Backorder?',
    type: 'ir.actions.act_window',
    view_mode: 'form',
    res_model: 'stock.backorder.confirmation',
    views: [[false, 'form']],
    target: 'new',
    context: {
      ...ctx.context,
      button_validate_picking_ids: [...pickingIds],
      default_pick_ids: pickingIds.map((id) => [4, id]),
      default_show_transfers: false,
    },
  };
}

export function pickingButtonValidate(ctx: OrmWriteContext, ids: readonly number[]): OdooValue {
  const pickings = requireRecords(ctx, 'stock.picking', ids).filter((p) => p.state !== 'done');
  const needWizard: number[] = [];
  for (const picking of pickings) {
    if (picking.state === 'cancel')
      throw odooErrors.user('You cannot validate a cancelled transfer.');
    const counted = countedMoves(ctx, picking);
    if (counted.every((c) => c.done <= 0))
      throw odooErrors.user(
        'You cannot validate a transfer if no quantities are reserved nor done. To force the transfer, encode quantities.',
      );
    if (counted.some((c) => c.done < c.demand) && ctx.context.skip_backorder !== true)
      needWizard.push(picking.id);
  }
  if (needWizard.length > 0) return backorderWizard(ctx, needWizard);
  const noBackorder = Array.isArray(ctx.context.picking_ids_not_to_backorder)
    ? (ctx.context.picking_ids_not_to_backorder as readonly OdooValue[])
    : [];
  for (const picking of pickings) validateOne(ctx, picking, !noBackorder.includes(picking.id));
  return true;
}

function validateOne(ctx: OrmWriteContext, picking: StoredRecord, backorder: boolean): void {
  const counted = countedMoves(ctx, picking);
  const short = counted.filter((c) => c.done < c.demand);
  if (backorder && short.length > 0) createBackorder(ctx, picking, short);
  for (const { move, done } of counted) {
    if (done <= 0) {
      writeRecords(ctx, 'stock.move', [move.id], { state: 'cancel', quantity: 0 });
      continue;
    }
    writeRecords(ctx, 'stock.move', [move.id], {
      state: 'done',
      quantity: done,
      product_uom_qty: done,
      picked: true,
    });
    if (typeof move.product_id === 'number' && typeof move.location_dest_id === 'number')
      addOnHand(ctx, move.product_id, move.location_dest_id, done);
    if (typeof move.purchase_line_id === 'number') {
      const line = ctx.tx.get('purchase.order.line', move.purchase_line_id);
      if (line)
        writeRecords(ctx, 'purchase.order.line', [line.id], {
          qty_received: asNumber(line.qty_received) + done,
        });
    }
  }
  writeRecords(ctx, 'stock.picking', [picking.id], { state: 'done', date_done: ctx.tx.now() });
}

function createBackorder(
  ctx: OrmWriteContext,
  picking: StoredRecord,
  short: readonly CountedMove[],
): void {
  const backorderId = createRecord(ctx, 'stock.picking', {
    origin: picking.origin ?? false,
    partner_id: picking.partner_id ?? false,
    picking_type_id: picking.picking_type_id ?? false,
    location_id: picking.location_id ?? false,
    location_dest_id: picking.location_dest_id ?? false,
    purchase_id: picking.purchase_id ?? false,
    backorder_id: picking.id,
    state: 'assigned',
  });
  for (const { move, done, demand } of short) {
    createRecord(ctx, 'stock.move', {
      name: move.name ?? false,
      origin: move.origin ?? false,
      picking_id: backorderId,
      product_id: move.product_id ?? false,
      product_uom_qty: demand - done,
      quantity: demand - done,
      product_uom: move.product_uom ?? false,
      state: 'assigned',
      location_id: move.location_id ?? false,
      location_dest_id: move.location_dest_id ?? false,
      purchase_line_id: move.purchase_line_id ?? false,
    });
  }
}
