/**
 * `/fo/data/...`: F&O's OData v4 endpoint (the real one is `https://<env>.operations.dynamics.com/data/`).
 * A bearer token from the simulated Entra ID for this host is required (401 otherwise);
 * collections are company-scoped unless `cross-company=true`; writes and the shipped X++
 * actions answer F&O's shapes; faults apply per entity set or action name.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dropConnection } from '../faults/fault-gate';
import type { FaultInjector, FaultTarget } from '../faults/fault-injector';
import { FoError, THROTTLED_MESSAGE, badQuery, notFound } from './fo-errors';
import type { FoRow, FoValue } from './fo-model';
import { parseKey, queryCollection } from './fo-odata';
import { postProductReceipt } from './fo-receipts';
import type { FoStore } from './fo-store';

const ACTION_NAMESPACE = 'Microsoft.Dynamics.DataEntities.';

export const foEntityKeys: Readonly<Record<string, readonly string[]>> = {
  InventoryCountingJournalHeaders: ['dataAreaId', 'JournalNumber'],
  InventoryCountingJournalLines: ['dataAreaId', 'JournalNumber', 'LineNumber'],
  PurchaseOrderHeadersV2: ['dataAreaId', 'PurchaseOrderNumber'],
  PurchaseOrderLinesV2: ['dataAreaId', 'PurchaseOrderNumber', 'LineNumber'],
  ProductReceiptHeaders: ['dataAreaId', 'PurchaseOrderNumber', 'ProductReceiptNumber'],
  ProductReceiptLines: [
    'dataAreaId',
    'PurchaseOrderNumber',
    'ProductReceiptNumber',
    'PurchaseOrderLineNumber',
  ],
  Warehouses: ['dataAreaId', 'WarehouseId'],
  WarehousesOnHandV2: [
    'dataAreaId',
    'ItemNumber',
    'ProductColorId',
    'ProductConfigurationId',
    'ProductSizeId',
    'ProductStyleId',
    'ProductVersionId',
    'InventorySiteId',
    'InventoryWarehouseId',
  ],
  LegalEntities: ['LegalEntityId'],
};

export interface FoRequestRecord {
  readonly at: number;
  readonly method: string;
  readonly target: string;
  readonly status: number;
  /** Request header names, lower case. */
  readonly headers: readonly string[];
}

export interface FoDataContext {
  readonly store: FoStore;
  readonly faults: FaultInjector;
  readonly defaultCompany: () => string;
  readonly pageSize: () => number;
  readonly authorize: (request: FastifyRequest) => boolean;
  readonly now: () => number;
  readonly log: FoRequestRecord[];
}

interface ParsedPath {
  readonly set: string;
  readonly key: Record<string, string | number> | undefined;
  readonly action: string | undefined;
}

function parsePath(url: string): ParsedPath | undefined {
  const path = decodeURIComponent(url.split('?')[0] ?? '').replace(/^\/fo\/data\//, '');
  const match = /^([A-Za-z0-9]+)(\([^)]*\))?(?:\/(.+))?$/.exec(path);
  if (!match) return undefined;
  const [, set = '', keyText, action] = match;
  const key = keyText === undefined ? undefined : parseKey(keyText);
  if (keyText !== undefined && key === undefined) return undefined;
  if (action !== undefined && !action.startsWith(ACTION_NAMESPACE)) return undefined;
  return { set, key, action: action?.slice(ACTION_NAMESPACE.length) };
}

const odataBase = (request: FastifyRequest) => `${request.protocol}://${request.host}/fo/data`;

function withEtag(row: FoRow): Record<string, FoValue> {
  const tag = Buffer.from(JSON.stringify(row)).toString('base64').slice(0, 16);
  return { '@odata.etag': `W/"${tag}"`, ...row };
}

function findByKey(
  rows: readonly FoRow[],
  set: string,
  key: Record<string, string | number>,
): FoRow {
  const names = foEntityKeys[set] ?? [];
  if (names.length !== Object.keys(key).length || !names.every((n) => n in key))
    throw badQuery(
      'The number of keys specified in the URI does not match number of key properties for the resource.',
    );
  const row = rows.find((r) =>
    names.every((n) => String(r[n] ?? '').toLowerCase() === String(key[n]).toLowerCase()),
  );
  if (!row) throw notFound(`${set}(${JSON.stringify(key)})`);
  return row;
}

async function faultsBefore(ctx: FoDataContext, target: FaultTarget, reply: FastifyReply) {
  const outage = ctx.faults.take('outage', target);
  if (outage?.mode === 'refuse-connection') {
    dropConnection(reply);
    return true;
  }
  if (outage) {
    await reply.code(503).header('content-type', 'text/html').send('<h1>Service Unavailable</h1>');
    return true;
  }
  const rateLimit = ctx.faults.take('rateLimit', target);
  if (rateLimit) {
    await reply
      .code(429)
      .header('retry-after', String(rateLimit.retryAfterSeconds))
      .send({ error: { code: '', message: THROTTLED_MESSAGE } });
    return true;
  }
  const latency = ctx.faults.take('latency', target);
  if (latency) await new Promise((resolve) => setTimeout(resolve, latency.latencyMs));
  return false;
}

async function faultsAfter(ctx: FoDataContext, target: FaultTarget, reply: FastifyReply) {
  if (ctx.faults.take('dropAfterCommit', target)) {
    dropConnection(reply);
    return true;
  }
  if (ctx.faults.take('failAfterCommit', target)) {
    await reply.code(500).send({ error: { code: '', message: 'An error has occurred.' } });
    return true;
  }
  return false;
}

function runAction(ctx: FoDataContext, parsed: ParsedPath, body: unknown): FoValue {
  const { store } = ctx;
  const key = parsed.key ?? {};
  const params = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const area = String(key.dataAreaId ?? '').toLowerCase();
  if (
    parsed.set === 'InventoryCountingJournalHeaders' &&
    parsed.action === 'HubPostCountingJournal'
  ) {
    const journal = store.journal(area, String(key.JournalNumber ?? ''));
    if (!journal) throw notFound(`${parsed.set}(${JSON.stringify(key)})`);
    return store.postJournal(journal);
  }
  if (parsed.set === 'PurchaseOrderHeadersV2' && parsed.action === 'HubPostProductReceipt') {
    const po = store.purchaseOrder(area, String(key.PurchaseOrderNumber ?? ''));
    if (!po) throw notFound(`${parsed.set}(${JSON.stringify(key)})`);
    return postProductReceipt(store, po, params, ctx.now());
  }
  throw notFound(`${parsed.set}/${ACTION_NAMESPACE}${parsed.action ?? ''}`);
}

function handle(
  ctx: FoDataContext,
  request: FastifyRequest,
  parsed: ParsedPath,
): { status: number; body: unknown } {
  const query = request.query as Record<string, string | undefined>;
  const rows = ctx.store.rows(parsed.set);
  if (rows === undefined) throw notFound(request.url);
  const context = `${odataBase(request)}/$metadata#${parsed.set}`;
  if (request.method === 'GET' && parsed.key)
    return {
      status: 200,
      body: {
        '@odata.context': `${context}/$entity`,
        ...withEtag(findByKey(rows, parsed.set, parsed.key)),
      },
    };
  if (request.method === 'GET') {
    const page = queryCollection(
      rows,
      {
        filter: query.$filter,
        orderby: query.$orderby,
        top: query.$top,
        skip: query.$skip,
        skiptoken: query.$skiptoken,
        crossCompany: query['cross-company'] === 'true',
      },
      ctx.defaultCompany(),
      ctx.pageSize(),
    );
    const next = new URLSearchParams(
      Object.entries(query).filter(
        (e): e is [string, string] => e[1] !== undefined && e[0] !== '$skiptoken',
      ),
    );
    if (page.nextOffset !== undefined) next.set('$skiptoken', String(page.nextOffset));
    return {
      status: 200,
      body: {
        '@odata.context': context,
        value: page.rows.map(withEtag),
        ...(page.nextOffset === undefined
          ? {}
          : { '@odata.nextLink': `${odataBase(request)}/${parsed.set}?${next.toString()}` }),
      },
    };
  }
  if (parsed.action !== undefined)
    return {
      status: 200,
      body: {
        '@odata.context': `${odataBase(request)}/$metadata#Edm.String`,
        value: runAction(ctx, parsed, request.body),
      },
    };
  const body = (
    typeof request.body === 'object' && request.body !== null ? request.body : {}
  ) as Record<string, unknown>;
  if (parsed.key === undefined && parsed.set === 'InventoryCountingJournalHeaders')
    return {
      status: 201,
      body: {
        '@odata.context': `${context}/$entity`,
        ...withEtag(ctx.store.createJournalHeader(body, ctx.defaultCompany())),
      },
    };
  if (parsed.key === undefined && parsed.set === 'InventoryCountingJournalLines')
    return {
      status: 201,
      body: {
        '@odata.context': `${context}/$entity`,
        ...withEtag(ctx.store.createJournalLine(body, ctx.defaultCompany())),
      },
    };
  return {
    status: 405,
    body: {
      error: {
        code: '',
        message: `The requested resource does not support http method '${request.method}'.`,
      },
    },
  };
}

export function registerFoDataRoutes(app: FastifyInstance, ctx: FoDataContext): void {
  app.route({
    method: ['GET', 'POST', 'PATCH', 'DELETE'],
    url: '/fo/data/*',
    handler: async (request, reply) => {
      const parsed = parsePath(request.url);
      const target = { method: request.method, model: parsed?.action ?? parsed?.set };
      const record = (status: number) =>
        ctx.log.push({
          at: ctx.now(),
          method: request.method,
          target: target.model ?? request.url,
          status,
          headers: Object.keys(request.headers),
        });
      if (!ctx.authorize(request)) {
        record(401);
        return reply.code(401).header('www-authenticate', 'Bearer').send('');
      }
      if (await faultsBefore(ctx, target, reply)) {
        record(reply.statusCode);
        return reply;
      }
      if (
        request.method !== 'GET' &&
        !(request.headers['content-type'] ?? '').startsWith('application/json')
      ) {
        record(415);
        return reply
          .code(415)
          .send({ error: { code: '', message: 'Unsupported media type; send application/json.' } });
      }
      let answer: { status: number; body: unknown };
      try {
        if (parsed === undefined) throw notFound(request.url);
        answer = handle(ctx, request, parsed);
      } catch (error) {
        if (!(error instanceof FoError)) throw error;
        answer = { status: error.status, body: error.body };
      }
      record(answer.status);
      if (answer.status < 300 && (await faultsAfter(ctx, target, reply))) return reply;
      return reply
        .code(answer.status)
        .header('odata-version', '4.0')
        .header('content-type', 'application/json; odata.metadata=minimal')
        .send(answer.body);
    },
  });
}
