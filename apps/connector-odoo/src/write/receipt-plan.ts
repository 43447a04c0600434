/**
 * Pure: which quantity goes on which move of the incoming picking. Receipt lines match
 * moves by product (`default_code` = sku); where a product has several moves, the one of
 * the PO line the receipt names (`purchase_line_id` = poLineNumber) wins. Quantities of
 * lines on one move add up; more than the move's demand plus the tolerance is an
 * over-receipt, refused as a whole (nothing is written).
 */
import type { GoodsReceipt } from '@hub/contracts';
import { WRITE_ERROR_CODES, permanent } from './write-errors';

export interface OpenMove {
  readonly id: number;
  readonly sku: string | undefined;
  readonly demand: number;
  readonly purchaseLineId: number | undefined;
}

export interface ReceiptPlan {
  /** Moves received, with their quantity. */
  readonly received: readonly { readonly moveId: number; readonly quantity: number }[];
  /** Moves of the picking not in this receipt (left for a backorder). */
  readonly notReceived: readonly number[];
}

export interface PlanContext {
  readonly systemId: string;
  readonly pickingName: string;
  readonly tolerancePercent: number;
}

const EPSILON = 1e-9;

export function planReceipt(
  receipt: GoodsReceipt,
  moves: readonly OpenMove[],
  context: PlanContext,
): ReceiptPlan {
  const totals = new Map<number, number>();
  for (const line of receipt.lines) {
    const quantity = Number(line.quantityReceived);
    if (quantity <= 0) continue;
    const candidates = moves.filter((move) => move.sku === line.sku);
    const move = candidates.find((m) => m.purchaseLineId === line.poLineNumber) ?? candidates[0];
    if (move === undefined)
      throw permanent(
        WRITE_ERROR_CODES.unknownProduct,
        `Receipt ${receipt.receiptId}: product ${line.sku} (PO line ${line.poLineNumber}) is not on purchase order ${receipt.poNumber}'s open receipt ${context.pickingName} in Odoo ${context.systemId}`,
      );
    totals.set(move.id, (totals.get(move.id) ?? 0) + quantity);
  }
  if (totals.size === 0)
    throw permanent(
      WRITE_ERROR_CODES.emptyReceipt,
      `Receipt ${receipt.receiptId} for purchase order ${receipt.poNumber} has no line with a positive quantity; nothing to receive in Odoo ${context.systemId}`,
    );
  const allowed = 1 + context.tolerancePercent / 100;
  const over = moves.filter((move) => (totals.get(move.id) ?? 0) > move.demand * allowed + EPSILON);
  if (over.length > 0) {
    const detail = over
      .map(
        (move) =>
          `${move.sku ?? `move ${move.id}`} received ${totals.get(move.id) ?? 0}, outstanding ${move.demand}`,
      )
      .join('; ');
    throw permanent(
      WRITE_ERROR_CODES.overReceipt,
      `Receipt ${receipt.receiptId} over-receives purchase order ${receipt.poNumber} in Odoo ${context.systemId}: ${detail} (tolerance ${context.tolerancePercent}%)`,
    );
  }
  return {
    received: [...totals].map(([moveId, quantity]) => ({ moveId, quantity })),
    notReceived: moves.filter((move) => !totals.has(move.id)).map((move) => move.id),
  };
}
