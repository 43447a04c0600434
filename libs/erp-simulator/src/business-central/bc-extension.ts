/**
 * The hub's AL extension (extensions/business-central) exactly as shipped: API publisher
 * `hub`, group `wms`, version `v1.0`, company-scoped:
 *
 * - `hubItems(<item id>)/Microsoft.NAV.setInventory` {locationCode, quantity, hubReference,
 *   sourceVersion} → 204. Sets on-hand at the location to `quantity`: the difference is posted
 *   as a Positive/Negative Adjmt. (codeunit "Adjust Item Inventory"), and a "Hub Inventory
 *   Write" row records the reference in the same transaction; a reference already recorded
 *   changes nothing; a count older (`sourceVersion`) than one written for the item and
 *   location is recorded with no adjustment (BC finishes a request its caller gave up on).
 * - `hubInventoryWrites` (read-only): those rows, searchable by `hubReference`.
 * - `hubItemInventories` (read-only): each item's inventory under `locationFilter`
 *   (bc-inventory-read.ts), what reconciliation compares; `hubItemLedgerEntries` (read-only):
 *   the item ledger with SystemCreatedAt, what the receiver delta reads.
 * - `hubPurchaseOrders(<order id>)/Microsoft.NAV.receiveOnly` {receiptNumber, lines} → 204.
 *   `lines` is JSON text, `[{"sequence": 10000, "quantity": 3}, …]`: in one transaction each
 *   Item line's "Qty. to Receive" is set to its quantity (0 when not listed, validated against
 *   what is outstanding) and "Qty. to Invoice" to 0, then posted with Receive = true,
 *   Invoice = false ("Purch.-Post"), the posted receipt numbered `receiptNumber` ("Receiving
 *   No."), so the standard `purchaseReceipts` finds it by number. Setting the quantities in
 *   the posting transaction means a post BC finishes after its caller gave up books its own
 *   quantities, not those another receipt set on the lines meanwhile.
 */
import { inventoryWriteRow } from './bc-entities';
import { itemInventories, itemLedgerEntries } from './bc-inventory-read';
import { BcODataError, notFound, recordNotFound } from './bc-odata';
import {
  listAnswer,
  requireCompany,
  type BcAnswer,
  type BcApiContext,
  type BcRequest,
} from './bc-api';
import type { BcCompany, BcHubInventoryWrite, BcPurchaseOrder, BcReceipt } from './bc-store';

export const BC_EXTENSION_API = 'hub/wms/v1.0';

const dialog = (message: string) => new BcODataError(400, 'Application_DialogException', message);

function fields(body: unknown): Readonly<Record<string, unknown>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BcODataError(400, 'BadRequest', 'The request body must be a JSON object.');
  return body as Readonly<Record<string, unknown>>;
}

export function handleExtensionApi(ctx: BcApiContext, request: BcRequest): BcAnswer {
  const company = requireCompany(ctx.store, request.path);
  const [first, second] = request.path.segments;
  if (request.method === 'GET' && first?.name === 'hubInventoryWrites' && first.key === undefined)
    return listAnswer(
      request,
      `${request.path.contextRoot}hubInventoryWrites`,
      company.inventoryWrites.map(inventoryWriteRow),
      ctx.maxPageSize,
    );
  if (request.method === 'GET' && first?.name === 'hubItemInventories' && first.key === undefined)
    return itemInventories(ctx, company, request);
  if (request.method === 'GET' && first?.name === 'hubItemLedgerEntries' && first.key === undefined)
    return itemLedgerEntries(ctx, company, request);
  if (
    request.method === 'POST' &&
    first?.name === 'hubItems' &&
    second?.name === 'Microsoft.NAV.setInventory'
  )
    return setInventory(ctx, company, first.key ?? '', fields(request.body));
  if (
    request.method === 'POST' &&
    first?.name === 'hubPurchaseOrders' &&
    second?.name === 'Microsoft.NAV.receiveOnly'
  )
    return receiveOnly(ctx, company, first.key ?? '', fields(request.body));
  throw notFound(request.path.segments.map((s) => s.name).join('/'));
}

function setInventory(
  ctx: BcApiContext,
  company: BcCompany,
  itemId: string,
  body: Readonly<Record<string, unknown>>,
): BcAnswer {
  const item = company.items.find((i) => i.id === itemId);
  if (item === undefined) throw recordNotFound('Item', itemId);
  const { locationCode, quantity, hubReference, sourceVersion } = body;
  if (
    typeof locationCode !== 'string' ||
    typeof quantity !== 'number' ||
    typeof hubReference !== 'string' ||
    typeof sourceVersion !== 'number' ||
    !Number.isSafeInteger(sourceVersion)
  )
    throw new BcODataError(
      400,
      'BadRequest',
      'locationCode (string), quantity (number), hubReference (string) and sourceVersion (integer) are required.',
    );
  if (hubReference === '' || hubReference.length > 100)
    throw dialog(
      `The length of the string is ${hubReference.length}, but it must be less than or equal to 100 characters. Value: ${hubReference}`,
    );
  if (quantity < 0) throw dialog('Quantity must not be negative.');
  if (!company.locations.some((l) => l.code === locationCode))
    throw dialog(
      `The Location does not exist. Identification fields and values: Code='${locationCode}'`,
    );
  if (company.inventoryWrites.some((w) => w.hubReference === hubReference)) return { status: 204 };
  const newer = company.inventoryWrites.some(
    (w) =>
      w.itemNumber === item.number &&
      w.locationCode === locationCode &&
      w.sourceVersion > sourceVersion,
  );
  const adjustment = newer ? 0 : quantity - ctx.store.onHand(company, item.number, locationCode);
  if (adjustment !== 0)
    ctx.store.post(
      company,
      item.number,
      locationCode,
      adjustment,
      adjustment > 0 ? 'Positive Adjmt.' : 'Negative Adjmt.',
      item.number,
    );
  company.inventoryWrites.push(
    ctx.store.entity<BcHubInventoryWrite>({
      hubReference,
      itemNumber: item.number,
      locationCode,
      quantity,
      adjustment,
      sourceVersion,
    }),
  );
  return { status: 204 };
}

/** The `lines` parameter (JSON text, as an AL Text parameter carries it): quantity by sequence. */
function quantitiesOf(lines: unknown): ReadonlyMap<number, number> {
  const invalid = () =>
    new BcODataError(
      400,
      'BadRequest',
      'lines must be JSON text: [{"sequence": <line no.>, "quantity": <≥ 0>}, …].',
    );
  if (typeof lines !== 'string') throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(lines);
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed)) throw invalid();
  const quantities = new Map<number, number>();
  for (const entry of parsed as unknown[]) {
    const { sequence, quantity } = (entry ?? {}) as { sequence?: unknown; quantity?: unknown };
    if (typeof sequence !== 'number' || typeof quantity !== 'number' || quantity < 0)
      throw invalid();
    quantities.set(sequence, quantity);
  }
  return quantities;
}

/** "Qty. to Receive" := the listed quantity (0 if not listed), validated; "Qty. to Invoice" := 0. */
function setQuantitiesToReceive(
  ctx: BcApiContext,
  order: BcPurchaseOrder,
  quantities: ReadonlyMap<number, number>,
): void {
  for (const line of order.lines) {
    const quantity = quantities.get(line.sequence) ?? 0;
    const outstanding = line.quantity - line.receivedQuantity;
    if (quantity > outstanding + (line.quantity * ctx.overReceiptPercent) / 100 + 1e-9)
      throw dialog(`You cannot receive more than ${outstanding} units.`);
  }
  for (const line of order.lines) {
    line.receiveQuantity = quantities.get(line.sequence) ?? 0;
    line.invoiceQuantity = 0;
  }
}

function receiveOnly(
  ctx: BcApiContext,
  company: BcCompany,
  orderId: string,
  body: Readonly<Record<string, unknown>>,
): BcAnswer {
  const order = company.purchaseOrders.find((o) => o.id === orderId);
  if (order === undefined) throw recordNotFound('Purchase Header', orderId);
  const receiptNumber = body.receiptNumber;
  if (typeof receiptNumber !== 'string' || receiptNumber === '' || receiptNumber.length > 20)
    throw new BcODataError(
      400,
      'BadRequest',
      'receiptNumber must be a code of 1 to 20 characters.',
    );
  if (order.status !== 'Open')
    throw dialog(
      `Status must be equal to 'Released'  in Purchase Header: Document Type=Order, No.=${order.number}. Current value is '${order.status === 'Draft' ? 'Open' : 'Pending Approval'}'.`,
    );
  if (company.receipts.some((r) => r.number === receiptNumber.toUpperCase()))
    throw new BcODataError(
      409,
      'Internal_EntityWithSameKeyExists',
      `The Purch. Rcpt. Header already exists. Identification fields and values: No.='${receiptNumber.toUpperCase()}'`,
    );
  setQuantitiesToReceive(ctx, order, quantitiesOf(body.lines));
  const receiving = order.lines.filter((l) => l.receiveQuantity > 0);
  if (receiving.length === 0) throw dialog('There is nothing to post.');
  const receipt: BcReceipt = ctx.store.entity<BcReceipt>({
    number: receiptNumber.toUpperCase(),
    orderNumber: order.number,
    vendorNumber: order.vendorNumber,
    postingDate: new Date(ctx.store.stamp()).toISOString().slice(0, 10),
    lines: [],
  });
  for (const line of receiving) {
    const location = company.locations.find((l) => l.id === line.locationId);
    receipt.lines.push({
      id: ctx.store.entity({}).id,
      documentId: receipt.id,
      sequence: line.sequence,
      lineObjectNumber: line.lineObjectNumber,
      itemId: line.itemId,
      quantity: line.receiveQuantity,
      locationId: line.locationId,
    });
    ctx.store.post(
      company,
      line.lineObjectNumber,
      location?.code ?? '',
      line.receiveQuantity,
      'Purchase',
      receipt.number,
    );
    line.receivedQuantity += line.receiveQuantity;
  }
  for (const line of order.lines) {
    // "Purch.-Post" re-initialises Qty. to Receive to what is still outstanding.
    line.receiveQuantity = Math.max(0, line.quantity - line.receivedQuantity);
    line.invoiceQuantity = line.receiveQuantity;
    ctx.store.touch(line);
  }
  ctx.store.touch(order);
  company.receipts.push(receipt);
  return { status: 204 };
}
