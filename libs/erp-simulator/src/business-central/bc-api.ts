/**
 * The API v2.0 subset: companies, items, locations, purchaseOrders with purchaseOrderLines
 * (PATCH of a line with If-Match), purchaseReceipts with purchaseReceiptLines. Reads take
 * $filter/$orderby/$top/$skip/$expand; writes check the ETag first, as BC does.
 */
import {
  companyRow,
  itemRow,
  locationRow,
  purchaseOrderLineRow,
  purchaseOrderRow,
  receiptLineRow,
  receiptRow,
} from './bc-entities';
import {
  BcODataError,
  collection,
  entityBody,
  etagOf,
  notFound,
  queryRows,
  recordNotFound,
  type QueryOptions,
} from './bc-odata';
import type { BcPath } from './bc-path';
import type { BcCompany, BcPurchaseOrderLine, BcStore, BcVersioned } from './bc-store';

export interface BcRequest {
  readonly method: string;
  readonly path: BcPath;
  readonly query: QueryOptions;
  readonly body: unknown;
  readonly ifMatch: string | undefined;
  /** The request URL without its query, for `@odata.nextLink`. */
  readonly url: string;
}

export interface BcAnswer {
  readonly status: number;
  readonly body?: unknown;
}

export interface BcApiContext {
  readonly store: BcStore;
  readonly maxPageSize: number;
  /** Another user edits the next N lines a PATCH targets, just before the PATCH (a race). */
  concurrentEdits: number;
  /** Over-receipt allowed by the lines' Over-Receipt Code, percent. */
  readonly overReceiptPercent: number;
}

type Row = Record<string, unknown>;

export function listAnswer(
  request: BcRequest,
  context: string,
  rows: Row[],
  maxPage: number,
): BcAnswer {
  const { page, nextSkip } = queryRows(rows, request.query, maxPage);
  const next =
    nextSkip === undefined
      ? undefined
      : `${request.url}?${new URLSearchParams({ ...stringQuery(request.query), $skiptoken: String(nextSkip) }).toString()}`;
  return { status: 200, body: collection(context, page, next) };
}

function stringQuery(query: QueryOptions): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

function byId<T extends BcVersioned>(rows: readonly T[], id: string, table: string): T {
  const row = rows.find((r) => r.id === id);
  if (row === undefined) throw recordNotFound(table, id);
  return row;
}

export function requireCompany(store: BcStore, path: BcPath): BcCompany {
  const company = path.companyId === undefined ? undefined : store.company(path.companyId);
  if (company === undefined)
    throw new BcODataError(
      404,
      'Internal_CompanyNotFound',
      `Cannot open the company '${path.companyId ?? ''}'. The company does not exist or you do not have access to it.`,
    );
  return company;
}

/** If-Match is required on PATCH; `*` matches anything; a different ETag is a conflict. */
export function checkIfMatch(ifMatch: string | undefined, entity: BcVersioned): void {
  if (ifMatch === undefined || ifMatch.trim() === '')
    throw new BcODataError(
      400,
      'BadRequest_InvalidToken',
      'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.',
    );
  if (ifMatch.trim() !== '*' && ifMatch.trim() !== etagOf(entity.id, entity.version))
    throw new BcODataError(
      409,
      'Request_EntityChanged',
      'Another user has already changed the record.',
    );
}

export function handleStandardApi(ctx: BcApiContext, request: BcRequest): BcAnswer {
  const { path } = request;
  if (path.companyId === undefined) {
    if (
      path.segments.length === 1 &&
      path.segments[0]?.name === 'companies' &&
      request.method === 'GET'
    ) {
      const rows = ctx.store.companies.map(companyRow);
      return listAnswer(request, `${path.contextRoot}companies`, rows, ctx.maxPageSize);
    }
    throw notFound(path.segments.map((s) => s.name).join('/'));
  }
  const company = requireCompany(ctx.store, path);
  const [first, second] = path.segments;
  const context = `${path.contextRoot}${first?.name ?? ''}`;
  const expand = (name: string) => request.query.$expand?.split(',').includes(name) === true;
  switch (
    `${request.method} ${first?.name ?? ''}${first?.key === undefined ? '' : '()'}${second === undefined ? '' : `/${second.name}${second.key === undefined ? '' : '()'}`}`
  ) {
    case 'GET items':
      return listAnswer(
        request,
        context,
        company.items.map((i) => itemRow(i, totalOnHand(ctx, company, i.number))),
        ctx.maxPageSize,
      );
    case 'GET items()': {
      const item = byId(company.items, first?.key ?? '', 'Item');
      return {
        status: 200,
        body: entityBody(context, itemRow(item, totalOnHand(ctx, company, item.number))),
      };
    }
    case 'GET locations':
      return listAnswer(request, context, company.locations.map(locationRow), ctx.maxPageSize);
    case 'GET purchaseOrders':
      return listAnswer(
        request,
        context,
        company.purchaseOrders.map((o) => purchaseOrderRow(o, expand('purchaseOrderLines'))),
        ctx.maxPageSize,
      );
    case 'GET purchaseOrders()': {
      const order = byId(company.purchaseOrders, first?.key ?? '', 'Purchase Header');
      return {
        status: 200,
        body: entityBody(context, purchaseOrderRow(order, expand('purchaseOrderLines'))),
      };
    }
    case 'GET purchaseOrders()/purchaseOrderLines': {
      const order = byId(company.purchaseOrders, first?.key ?? '', 'Purchase Header');
      return listAnswer(
        request,
        `${context}(${order.id})/purchaseOrderLines`,
        order.lines.map(purchaseOrderLineRow),
        ctx.maxPageSize,
      );
    }
    case 'PATCH purchaseOrders()/purchaseOrderLines()': {
      const order = byId(company.purchaseOrders, first?.key ?? '', 'Purchase Header');
      const line = byId(order.lines, second?.key ?? '', 'Purchase Line');
      return patchLine(ctx, request, line, order.id, `${context}(${order.id})/purchaseOrderLines`);
    }
    case 'GET purchaseReceipts':
      return listAnswer(
        request,
        context,
        company.receipts.map((r) => receiptRow(r, expand('purchaseReceiptLines'))),
        ctx.maxPageSize,
      );
    case 'GET purchaseReceipts()/purchaseReceiptLines': {
      const receipt = byId(company.receipts, first?.key ?? '', 'Purch. Rcpt. Header');
      return listAnswer(
        request,
        `${context}(${receipt.id})/purchaseReceiptLines`,
        receipt.lines.map(receiptLineRow),
        ctx.maxPageSize,
      );
    }
    default:
      if (request.method !== 'GET' && first !== undefined)
        throw new BcODataError(
          405,
          'BadRequest_MethodNotAllowed',
          `'${request.method}' requests for '${first.name}' are not allowed.`,
        );
      throw notFound(path.segments.map((s) => s.name).join('/'));
  }
}

function totalOnHand(ctx: BcApiContext, company: BcCompany, itemNumber: string): number {
  return company.locations.reduce(
    (sum, l) => sum + ctx.store.onHand(company, itemNumber, l.code),
    0,
  );
}

function patchLine(
  ctx: BcApiContext,
  request: BcRequest,
  line: BcPurchaseOrderLine,
  orderId: string,
  context: string,
): BcAnswer {
  if (ctx.concurrentEdits > 0) {
    ctx.concurrentEdits -= 1;
    line.description = `${line.description} (edited)`;
    ctx.store.touch(line);
  }
  checkIfMatch(request.ifMatch, line);
  const body = (request.body ?? {}) as Readonly<Record<string, unknown>>;
  const outstanding = line.quantity - line.receivedQuantity;
  const allowed = outstanding + (line.quantity * ctx.overReceiptPercent) / 100;
  for (const [field, value] of Object.entries(body)) {
    if (field !== 'receiveQuantity' && field !== 'invoiceQuantity')
      throw new BcODataError(400, 'BadRequest', `The property '${field}' cannot be modified.`);
    if (typeof value !== 'number' || value < 0)
      throw new BcODataError(
        400,
        'BadRequest',
        `Cannot convert the literal '${String(value)}' to the expected type 'Edm.Decimal'.`,
      );
  }
  const receive = body.receiveQuantity as number | undefined;
  if (receive !== undefined && receive > allowed + 1e-9)
    throw new BcODataError(
      400,
      'Application_DialogException',
      `You cannot receive more than ${outstanding} units.`,
    );
  if (receive !== undefined) line.receiveQuantity = receive;
  if (typeof body.invoiceQuantity === 'number') line.invoiceQuantity = body.invoiceQuantity;
  ctx.store.touch(line);
  const order = ctx.store.companies.flatMap((c) => c.purchaseOrders).find((o) => o.id === orderId);
  if (order !== undefined) ctx.store.touch(order);
  return { status: 200, body: entityBody(context, purchaseOrderLineRow(line)) };
}
