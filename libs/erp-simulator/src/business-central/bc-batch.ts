/**
 * OData JSON `$batch` (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-connect-apps-tips):
 * `POST …/api/v2.0/$batch` `{"requests":[{id, method, url, headers, body}]}` → 200
 * `{"responses":[{id, status, headers, body}]}`, inner URLs relative to the API root, at
 * most 100 operations. With `Isolation: snapshot` the batch is one transaction: when an
 * inner request fails, every change of the batch is rolled back (the inner statuses still
 * show which one failed).
 */
import { handleStandardApi, type BcAnswer, type BcApiContext, type BcRequest } from './bc-api';
import { BC_EXTENSION_API, handleExtensionApi } from './bc-extension';
import { BcODataError } from './bc-odata';
import { parseBcPath } from './bc-path';
import type { BcCompany } from './bc-store';

export const BC_BATCH_LIMIT = 100;

interface InnerRequest {
  readonly id?: unknown;
  readonly method?: unknown;
  readonly url?: unknown;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
}

function header(headers: InnerRequest['headers'], name: string): string | undefined {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return typeof found?.[1] === 'string' ? found[1] : undefined;
}

const tables = [
  'items',
  'locations',
  'purchaseOrders',
  'receipts',
  'ledger',
  'inventoryWrites',
] as const;

interface Saved {
  readonly lists: (readonly [unknown[], unknown[]])[];
  readonly rows: (readonly [object, object])[];
}

/** The companies' tables as they are: which rows each holds and each row's fields (lines too), restored in place. */
function snapshot(companies: readonly BcCompany[]): Saved {
  const saved: Saved = { lists: [], rows: [] };
  for (const company of companies)
    for (const table of tables) {
      const list = company[table] as unknown[];
      saved.lists.push([list, [...list]]);
      for (const row of list as object[]) saved.rows.push([row, { ...row }]);
    }
  for (const order of companies.flatMap((c) => c.purchaseOrders))
    for (const line of order.lines) saved.rows.push([line, { ...line }]);
  return saved;
}

function restore(saved: Saved): void {
  for (const [list, rows] of saved.lists) list.splice(0, list.length, ...rows);
  for (const [row, fields] of saved.rows) Object.assign(row, fields);
}

/** A concurrent edit the test asked for lands before the batch: on the first line a PATCH targets. */
function concurrentEditBefore(ctx: BcApiContext, requests: readonly InnerRequest[]): void {
  if (ctx.concurrentEdits <= 0) return;
  const lineId = requests
    .filter((r) => r.method === 'PATCH' && typeof r.url === 'string')
    .map((r) => /purchaseOrderLines\(([^)]+)\)/.exec(String(r.url))?.[1])
    .find((id) => id !== undefined);
  const line = ctx.store.companies
    .flatMap((c) => c.purchaseOrders.flatMap((o) => o.lines))
    .find((l) => l.id === lineId);
  if (line === undefined) return;
  ctx.concurrentEdits -= 1;
  line.description = `${line.description} (edited)`;
  ctx.store.touch(line);
}

export function handleBatch(
  ctx: BcApiContext,
  request: BcRequest,
  isolation: string | undefined,
  origin: string,
): BcAnswer {
  const requests = (request.body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests))
    throw new BcODataError(400, 'BadRequest', 'The batch request body must be {"requests":[...]}.');
  if (requests.length > BC_BATCH_LIMIT)
    throw new BcODataError(
      400,
      'BadRequest',
      `The number of operations in a batch request exceeds the limit of ${BC_BATCH_LIMIT}.`,
    );
  concurrentEditBefore(ctx, requests as InnerRequest[]);
  const transactional = isolation?.toLowerCase() === 'snapshot';
  const saved = transactional ? snapshot(ctx.store.companies) : undefined;
  const root = `/bc/v2.0/${request.path.tenant}/${request.path.environment}/api/`;
  const responses = (requests as InnerRequest[]).map((inner) => {
    const id = typeof inner.id === 'string' || typeof inner.id === 'number' ? String(inner.id) : '';
    try {
      const url = typeof inner.url === 'string' ? inner.url.replace(/^\/+/, '') : '';
      const [path = '', query = ''] = url.split('?');
      const apiPath = path.startsWith(`${BC_EXTENSION_API}/`) ? path : `v2.0/${path}`;
      const parsed = parseBcPath(`${root}${apiPath}`, origin, BC_EXTENSION_API);
      const innerRequest: BcRequest = {
        method: typeof inner.method === 'string' ? inner.method.toUpperCase() : 'GET',
        path: parsed,
        query: Object.fromEntries(new URLSearchParams(query)),
        body: inner.body,
        ifMatch: header(inner.headers, 'if-match'),
        url: `${origin}${root}${apiPath}`,
      };
      const answer =
        parsed.api === BC_EXTENSION_API
          ? handleExtensionApi(ctx, innerRequest)
          : handleStandardApi(ctx, innerRequest);
      return {
        id,
        status: answer.status,
        headers: { 'content-type': 'application/json; odata.metadata=minimal' },
        body: answer.body ?? null,
      };
    } catch (error) {
      if (!(error instanceof BcODataError)) throw error;
      return {
        id,
        status: error.status,
        headers: { 'content-type': 'application/json; odata.metadata=minimal' },
        body: { error: { code: error.code, message: error.message } },
      };
    }
  });
  if (saved !== undefined && responses.some((r) => r.status >= 400)) restore(saved);
  return { status: 200, body: { responses } };
}
