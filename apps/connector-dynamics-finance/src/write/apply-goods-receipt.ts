/**
 * Goods receipt → a product receipt of the purchase order, posted by the shipped X++
 * action HubPostProductReceipt over the purchase form letter, with the hub's reference
 * (hub-reference.ts) as the product receipt number:
 *   1. the order (PurchaseOrderHeadersV2) must exist in the legal entity and be confirmed;
 *   2. each received line is matched to its PO line (PurchaseOrderLinesV2) by line number
 *      and item;
 *   3. the action posts the receipt; F&O refuses over-delivery and a receipt number used
 *      before on the order.
 * findPriorReceipt reads ProductReceiptHeaders by that number, so a receipt F&O posted but
 * the hub never recorded is found, never posted twice.
 */
import type { GoodsReceipt } from '@hub/contracts';
import type { WriteResult } from '@hub/connector-runtime';
import { PermanentError } from '@hub/resilience';
import { FO_ERROR_CODES } from '../fo/fo-errors';
import { literal, type FoClient } from '../fo/fo-client';
import { receiptReference } from './hub-reference';
import { WRITE_ERROR_CODES } from './write-errors';

export const PO_HEADERS = 'PurchaseOrderHeadersV2';
export const PO_LINES = 'PurchaseOrderLinesV2';
export const RECEIPT_HEADERS = 'ProductReceiptHeaders';
export const POST_RECEIPT_ACTION = 'HubPostProductReceipt';

function refuse(code: string, message: string): PermanentError {
  return new PermanentError(code, message);
}

export async function findPriorReceipt(
  client: FoClient,
  receipt: GoodsReceipt,
  correlationId: string,
  signal: AbortSignal,
): Promise<WriteResult | undefined> {
  const number = receiptReference(correlationId);
  const { rows } = await client.page(
    RECEIPT_HEADERS,
    {
      filter: `PurchaseOrderNumber eq ${literal(receipt.poNumber)} and ProductReceiptNumber eq ${literal(number)}`,
      top: 1,
    },
    signal,
  );
  if (rows.length === 0) return undefined;
  return {
    targetReference: `${RECEIPT_HEADERS}(${client.legalEntity},${receipt.poNumber},${number})`,
  };
}

async function plannedLines(
  client: FoClient,
  receipt: GoodsReceipt,
  systemId: string,
  signal: AbortSignal,
) {
  const where = `F&O ${systemId} (legal entity ${client.legalEntity})`;
  const { rows } = await client.page(
    PO_HEADERS,
    { filter: `PurchaseOrderNumber eq ${literal(receipt.poNumber)}`, top: 1 },
    signal,
  );
  const order = rows[0];
  if (order === undefined)
    throw refuse(
      WRITE_ERROR_CODES.unknownPurchaseOrder,
      `Purchase order ${receipt.poNumber} does not exist in ${where}; receipt ${receipt.receiptId} cannot be matched`,
    );
  if (order.DocumentApprovalStatus !== 'Confirmed')
    throw refuse(
      WRITE_ERROR_CODES.purchaseOrderNotConfirmed,
      `Purchase order ${receipt.poNumber} in ${where} is ${String(order.DocumentApprovalStatus)}, not Confirmed; receipt ${receipt.receiptId} not posted`,
    );
  const lines = await client.list(
    PO_LINES,
    { filter: `PurchaseOrderNumber eq ${literal(receipt.poNumber)}` },
    signal,
  );
  const planned = receipt.lines
    .filter((line) => Number(line.quantityReceived) > 0)
    .map((line) => {
      const poLine = lines.find((l) => Number(l.LineNumber) === line.poLineNumber);
      if (poLine === undefined)
        throw refuse(
          WRITE_ERROR_CODES.unknownPurchaseOrderLine,
          `Purchase order ${receipt.poNumber} has no line ${line.poLineNumber} in ${where}; receipt ${receipt.receiptId} not posted`,
        );
      if (poLine.ItemNumber !== line.sku)
        throw refuse(
          WRITE_ERROR_CODES.lineItemMismatch,
          `Line ${line.poLineNumber} of purchase order ${receipt.poNumber} is item ${String(poLine.ItemNumber)}, the receipt says ${line.sku}; receipt ${receipt.receiptId} not posted`,
        );
      return { LineNumber: line.poLineNumber, ReceivedQuantity: Number(line.quantityReceived) };
    });
  if (planned.length === 0)
    throw refuse(
      WRITE_ERROR_CODES.emptyReceipt,
      `Receipt ${receipt.receiptId} receives nothing (every quantity is 0)`,
    );
  return planned;
}

export async function applyGoodsReceipt(
  client: FoClient,
  systemId: string,
  receipt: GoodsReceipt,
  correlationId: string,
  signal: AbortSignal,
): Promise<WriteResult> {
  const lines = await plannedLines(client, receipt, systemId, signal);
  const number = receiptReference(correlationId);
  try {
    await client.action(
      PO_HEADERS,
      { PurchaseOrderNumber: receipt.poNumber },
      POST_RECEIPT_ACTION,
      {
        ProductReceiptNumber: number,
        ProductReceiptDate: new Date(receipt.receivedAt).toISOString().slice(0, 10),
        LinesJson: JSON.stringify(lines),
      },
      signal,
    );
  } catch (error) {
    // Posted meanwhile under this number (another replica, or an answer lost earlier): that is our receipt.
    if (error instanceof PermanentError && error.code === FO_ERROR_CODES.actionRefused) {
      const prior = await findPriorReceipt(client, receipt, correlationId, signal);
      if (prior !== undefined) return prior;
    }
    throw error;
  }
  return {
    targetReference: `${RECEIPT_HEADERS}(${client.legalEntity},${receipt.poNumber},${number})`,
  };
}
