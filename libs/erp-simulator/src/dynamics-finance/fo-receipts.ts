/**
 * The shipped action HubPostProductReceipt (extensions/dynamics-finance): a product receipt
 * over the purchase form letter (DocumentStatus::PackingSlip) for the quantities given per
 * PO line, with the hub's reference as the product receipt number. It refuses what F&O's
 * posting refuses (order not confirmed, over-delivery) and a receipt number already used
 * on the order, so the same reference can never be booked twice.
 */
import { actionFailure } from './fo-errors';
import { isoDate, type FoPurchaseOrder } from './fo-model';
import type { FoStore } from './fo-store';

export interface ReceiptLineInput {
  readonly LineNumber: number;
  readonly ReceivedQuantity: number;
}

function parseLines(text: unknown): ReceiptLineInput[] {
  let parsed: unknown;
  try {
    parsed = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length > 0 &&
    parsed.every(
      (l: unknown) =>
        typeof l === 'object' &&
        l !== null &&
        typeof (l as Record<string, unknown>).LineNumber === 'number' &&
        typeof (l as Record<string, unknown>).ReceivedQuantity === 'number',
    );
  if (!valid)
    throw actionFailure(
      'LinesJson must be a JSON array of {"LineNumber": number, "ReceivedQuantity": number}.',
    );
  return parsed as ReceiptLineInput[];
}

export function postProductReceipt(
  store: FoStore,
  po: FoPurchaseOrder,
  parameters: Readonly<Record<string, unknown>>,
  now: number,
): string {
  const number = parameters.ProductReceiptNumber;
  if (typeof number !== 'string' || number === '' || number.length > 20)
    throw actionFailure('Product receipt number must be 1 to 20 characters.');
  if (po.status === 'Canceled')
    throw actionFailure(
      `Purchase order ${po.number} is canceled; no product receipt can be posted.`,
    );
  if (po.approval !== 'Confirmed')
    throw actionFailure(
      `Purchase order ${po.number} must be confirmed before a product receipt can be posted (approval status ${po.approval}).`,
    );
  if (
    store.receipts.some(
      (r) =>
        r.dataAreaId === po.dataAreaId && r.poNumber === po.number && r.receiptNumber === number,
    )
  )
    throw actionFailure(
      `Product receipt ${number} has already been posted for purchase order ${po.number}.`,
    );
  const lines = parseLines(parameters.LinesJson);
  const planned = lines.map((input) => {
    const line = po.lines.find((l) => l.lineNumber === input.LineNumber);
    if (!line) throw actionFailure(`Purchase order ${po.number} has no line ${input.LineNumber}.`);
    if (input.ReceivedQuantity <= 0)
      throw actionFailure(`Quantity for line ${input.LineNumber} must be greater than zero.`);
    if (line.received + input.ReceivedQuantity > line.quantity)
      throw actionFailure(
        `Over delivery of line ${input.LineNumber} (item ${line.itemNumber}) is not allowed: ordered ${line.quantity}, received ${line.received}, now ${input.ReceivedQuantity}.`,
      );
    return { line, quantity: input.ReceivedQuantity };
  });
  for (const { line, quantity } of planned) {
    line.received += quantity;
    const key = `${po.dataAreaId}|${line.itemNumber}|${line.warehouseId}`;
    store.onHand.set(key, (store.onHand.get(key) ?? 0) + quantity);
  }
  store.receipts.push({
    dataAreaId: po.dataAreaId,
    receiptNumber: number,
    poNumber: po.number,
    vendor: po.vendor,
    date:
      typeof parameters.ProductReceiptDate === 'string'
        ? parameters.ProductReceiptDate
        : isoDate(now),
    lines: planned.map(({ line, quantity }) => ({
      lineNumber: line.lineNumber,
      itemNumber: line.itemNumber,
      quantity,
    })),
  });
  if (po.lines.every((l) => l.received >= l.quantity)) po.status = 'Received';
  po.modifiedAt = now;
  return number;
}
