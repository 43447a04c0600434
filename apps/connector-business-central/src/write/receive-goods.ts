/**
 * A goods receipt in Business Central: receive only, never invoice. The order is read with
 * its lines; the plan (receipt-plan.ts) is checked before any write; each line's "Qty. to
 * Receive" is PATCHed with its ETag (If-Match), and "Qty. to Invoice" set to 0; then the
 * extension's `receiveOnly` posts the receipt (Receive true, Invoice false) under a
 * receipt number derived from the correlation id, which `purchaseReceipts` finds again,
 * setting the same quantities again in the posting transaction.
 * A stale ETag (another user changed a line meanwhile) re-reads the order, re-checks the
 * plan against the new quantities and re-applies once; a second one is transient.
 */
import { createHash } from 'node:crypto';
import type { WriteResult } from '@hub/connector-runtime';
import type { GoodsReceipt } from '@hub/contracts';
import { PermanentError, type Clock } from '@hub/resilience';
import { odataString, patchInBatch, type BcClient, type BcRow } from '../bc/bc-client';
import type { BcDirectory, BcTarget } from '../bc/bc-directory';
import { withQuery } from '../bc/bc-directory';
import { BcStaleEtagError } from '../bc/bc-errors';
import { RECEIPT_ERROR_CODES, planReceipt, type OrderLine } from './receipt-plan';

export interface ReceiptSettings {
  readonly systemId: string;
  readonly tolerancePercent: number;
  readonly clock: Clock;
}

/** "Receiving No." of the posted receipt (Code[20]): `H` + 19 hex digits of SHA-256(correlation id). */
export function receiptNumberOf(correlationId: string): string {
  return `H${createHash('sha256').update(correlationId).digest('hex').slice(0, 19).toUpperCase()}`;
}

interface Order {
  readonly id: string;
  readonly lines: readonly OrderLine[];
}

function orderLine(row: BcRow): OrderLine {
  return {
    id: String(row.id),
    etag: String(row['@odata.etag']),
    sequence: Number(row.sequence),
    sku: String(row.lineObjectNumber),
    locationId: String(row.locationId),
    quantity: Number(row.quantity),
    receivedQuantity: Number(row.receivedQuantity),
    receiveQuantity: Number(row.receiveQuantity),
    invoiceQuantity: Number(row.invoiceQuantity),
  };
}

async function readOrder(
  client: BcClient,
  companyId: string,
  receipt: GoodsReceipt,
  systemId: string,
  signal: AbortSignal,
): Promise<Order> {
  const url = withQuery(client.standard(companyId, 'purchaseOrders'), {
    $filter: `number eq ${odataString(receipt.poNumber)}`,
    $expand: 'purchaseOrderLines',
  });
  const [row] = await client.list(url, 'purchaseOrders', signal);
  if (row === undefined)
    throw new PermanentError(
      RECEIPT_ERROR_CODES.unknownOrder,
      `Receipt ${receipt.receiptId}: purchase order ${receipt.poNumber} is not open in Business Central ${systemId} (company ${companyId})`,
    );
  const lines = (row.purchaseOrderLines ?? []) as BcRow[];
  return { id: String(row.id), lines: lines.filter((l) => l.lineType === 'Item').map(orderLine) };
}

/** Sets every line's Qty. to Receive (and Qty. to Invoice 0) that differs: one PATCH, or one $batch for several. */
async function setQuantities(
  client: BcClient,
  companyId: string,
  order: Order,
  plan: ReadonlyMap<string, number>,
  clock: Clock,
  signal: AbortSignal,
): Promise<void> {
  const patches = order.lines
    .filter(
      (line) => line.receiveQuantity !== (plan.get(line.id) ?? 0) || line.invoiceQuantity !== 0,
    )
    .map((line) => ({
      url: `companies(${companyId})/purchaseOrders(${order.id})/purchaseOrderLines(${line.id})`,
      body: { receiveQuantity: plan.get(line.id) ?? 0, invoiceQuantity: 0 },
      ifMatch: line.etag,
    }));
  const [only] = patches;
  if (patches.length > 1) await patchInBatch(client, patches, 'purchaseOrderLines', clock, signal);
  else if (only !== undefined)
    await client.patch(
      client.standard(undefined, only.url),
      only.body,
      only.ifMatch,
      'purchaseOrderLines',
      signal,
    );
}

export async function receiveGoods(
  client: BcClient,
  directory: BcDirectory,
  settings: ReceiptSettings,
  receipt: GoodsReceipt,
  correlationId: string,
  signal: AbortSignal,
): Promise<WriteResult> {
  const target = await directory.target(receipt.warehouse, signal);
  const context = {
    systemId: settings.systemId,
    tolerancePercent: settings.tolerancePercent,
    locationId: target.locationId,
    locationCode: target.locationCode,
  };
  // Read, check the plan, set the lines; a stale ETag means another user changed a line: once more.
  const readCheckAndSet = async () => {
    const order = await readOrder(client, target.companyId, receipt, settings.systemId, signal);
    const plan = planReceipt(receipt, order.lines, context);
    await setQuantities(client, target.companyId, order, plan, settings.clock, signal);
    return { order, plan };
  };
  let planned: { order: Order; plan: ReadonlyMap<string, number> };
  try {
    planned = await readCheckAndSet();
  } catch (error) {
    if (!(error instanceof BcStaleEtagError)) throw error;
    planned = await readCheckAndSet();
  }
  const { order, plan } = planned;
  const receiptNumber = receiptNumberOf(correlationId);
  // The quantities go along with the post, which sets them again in its own transaction: a
  // post BC runs after this call timed out must not book what another receipt set meanwhile.
  const lines = order.lines.map((line) => ({
    sequence: line.sequence,
    quantity: plan.get(line.id) ?? 0,
  }));
  try {
    await client.post(
      client.extension(
        target.companyId,
        `hubPurchaseOrders(${order.id})/Microsoft.NAV.receiveOnly`,
      ),
      { receiptNumber, lines: JSON.stringify(lines) },
      'receiveOnly',
      signal,
    );
  } catch (error) {
    // BC refuses a second receipt of the same number: this one is already posted.
    if (!(error instanceof PermanentError && error.code === 'BC_Internal_EntityWithSameKeyExists'))
      throw error;
  }
  return { targetReference: receiptNumber };
}

/** The posted receipt of this correlation id, found through the standard purchaseReceipts API. */
export async function findPostedReceipt(
  client: BcClient,
  target: BcTarget,
  correlationId: string,
  signal: AbortSignal,
): Promise<WriteResult | undefined> {
  const receiptNumber = receiptNumberOf(correlationId);
  const url = withQuery(client.standard(target.companyId, 'purchaseReceipts'), {
    $filter: `number eq ${odataString(receiptNumber)}`,
  });
  const rows = await client.list(url, 'purchaseReceipts', signal);
  return rows.length === 0 ? undefined : { targetReference: receiptNumber };
}
