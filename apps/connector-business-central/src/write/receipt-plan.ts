/**
 * Pure: which "Qty. to Receive" goes on which purchase order line. Receipt lines match
 * order lines by item (`lineObjectNumber` = sku) and location (the warehouse's BC
 * location); where several lines match, the one whose `sequence` (the canonical PO line
 * number) the receipt names wins. Quantities of receipt lines on one order line add up;
 * more than its outstanding quantity plus the tolerance is an over-receipt, refused as a
 * whole before anything is written. Every other line gets 0, since BC would otherwise
 * receive its default (the whole outstanding quantity).
 */
import type { GoodsReceipt } from '@hub/contracts';
import { PermanentError } from '@hub/resilience';

export interface OrderLine {
  readonly id: string;
  readonly etag: string;
  readonly sequence: number;
  readonly sku: string;
  readonly locationId: string;
  readonly quantity: number;
  readonly receivedQuantity: number;
  readonly receiveQuantity: number;
  readonly invoiceQuantity: number;
}

export interface PlanContext {
  readonly systemId: string;
  readonly locationId: string;
  readonly locationCode: string;
  readonly tolerancePercent: number;
}

export const RECEIPT_ERROR_CODES = {
  unknownLine: 'BC_RECEIPT_LINE_NOT_ON_ORDER',
  overReceipt: 'BC_OVER_RECEIPT',
  emptyReceipt: 'BC_EMPTY_RECEIPT',
  unknownOrder: 'BC_UNKNOWN_PURCHASE_ORDER',
} as const;

const EPSILON = 1e-9;

/** Order line id → the quantity to receive on it (0 for lines not in the receipt). */
export function planReceipt(
  receipt: GoodsReceipt,
  lines: readonly OrderLine[],
  context: PlanContext,
): ReadonlyMap<string, number> {
  const totals = new Map<string, number>();
  for (const line of receipt.lines) {
    const quantity = Number(line.quantityReceived);
    if (quantity <= 0) continue;
    const candidates = lines.filter(
      (l) => l.sku === line.sku && l.locationId === context.locationId,
    );
    const match = candidates.find((l) => l.sequence === line.poLineNumber) ?? candidates[0];
    if (match === undefined)
      throw new PermanentError(
        RECEIPT_ERROR_CODES.unknownLine,
        `Receipt ${receipt.receiptId}: item ${line.sku} at location ${context.locationCode} (PO line ${line.poLineNumber}) is not on purchase order ${receipt.poNumber} in Business Central ${context.systemId}`,
      );
    totals.set(match.id, (totals.get(match.id) ?? 0) + quantity);
  }
  if (totals.size === 0)
    throw new PermanentError(
      RECEIPT_ERROR_CODES.emptyReceipt,
      `Receipt ${receipt.receiptId} for purchase order ${receipt.poNumber} has no line with a positive quantity; nothing to receive in Business Central ${context.systemId}`,
    );
  const allowed = 1 + context.tolerancePercent / 100;
  const over = lines.filter((l) => {
    const outstanding = l.quantity - l.receivedQuantity;
    return (totals.get(l.id) ?? 0) > outstanding * allowed + EPSILON;
  });
  if (over.length > 0)
    throw new PermanentError(
      RECEIPT_ERROR_CODES.overReceipt,
      `Receipt ${receipt.receiptId} over-receives purchase order ${receipt.poNumber} in Business Central ${context.systemId}: ${over
        .map(
          (l) =>
            `${l.sku} line ${l.sequence} received ${totals.get(l.id) ?? 0}, outstanding ${l.quantity - l.receivedQuantity}`,
        )
        .join('; ')} (tolerance ${context.tolerancePercent}%)`,
    );
  return new Map(lines.map((l) => [l.id, totals.get(l.id) ?? 0]));
}
