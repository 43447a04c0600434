/**
 * The OData requests of the three services, after logon, CSRF and faults: which entity set,
 * key, navigation or function import, and what it answers (V2 envelopes).
 */
import type { FastifyRequest } from 'fastify';
import {
  MATERIAL_DOCUMENT_SERVICE,
  cancelMaterialDocument,
  createMaterialDocument,
  materialDocumentItemRecord,
  materialDocumentRecord,
} from './sap-material-documents';
import { SAP_SERVICES, entitySetsOf, functionImportsOf } from './sap-metadata';
import { MATERIAL_STOCK_SET, materialStockRecords } from './sap-material-stock';
import {
  SapODataError,
  matchesFilter,
  notFound,
  parseFilter,
  parseKey,
  parseODataDate,
  text,
  type ODataRecord,
} from './sap-odata';
import {
  createPhysInventoryDocument,
  enterCount,
  findPhysInventoryDocument,
  findPhysInventoryItem,
  itemETag,
  physInventoryDocumentRecord,
  physInventoryItemRecord,
  postDifferences,
} from './sap-physical-inventory';
import { purchaseOrderItemRecord, purchaseOrderRecord } from './sap-purchase-orders';
import type { SapStore } from './sap-store';

export interface ODataAnswer {
  readonly status: number;
  readonly body?: ODataRecord;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ODataPath {
  readonly service: string;
  /** Entity set or function import; '' for the service root. */
  readonly target: string;
  readonly key: string | undefined;
  readonly navigation: string | undefined;
}

export function parseODataPath(service: string, rest: string): ODataPath {
  if (!SAP_SERVICES.includes(service)) throw notFound(service);
  const match = /^([A-Za-z_$]\w*)?(\([^)]*\))?(?:\/(\w+))?\/?$/.exec(rest);
  if (match === null) throw notFound(rest);
  return { service, target: match[1] ?? '', key: match[2], navigation: match[3] };
}

type Query = Readonly<Record<string, string | undefined>>;

/** Function-import parameters: `FiscalYear='2025'`, `PostingDate=datetime'2025-03-01T00:00:00'`. */
function functionParams(query: Query): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined || name.startsWith('$')) continue;
    params[name] = /^(?:datetime)?'(.*)'$/.exec(raw)?.[1] ?? raw;
  }
  return params;
}

function collection(records: ODataRecord[], query: Query): ODataAnswer {
  const terms = parseFilter(query.$filter);
  let rows = records.filter((r) => matchesFilter(r, terms));
  const order = /^(\w+)(?:\s+(asc|desc))?$/.exec(query.$orderby ?? '');
  if (order?.[1] !== undefined) {
    const property = order[1];
    const sign = order[2] === 'desc' ? -1 : 1;
    const value = (r: ODataRecord) => parseODataDate(r[property]) ?? text(r[property]);
    rows = [...rows].sort((a, b) => (value(a) < value(b) ? -sign : value(a) > value(b) ? sign : 0));
  }
  const skip = Number(query.$skip ?? 0);
  const top = query.$top === undefined ? rows.length : Number(query.$top);
  return { status: 200, body: { d: { results: rows.slice(skip, skip + top) } } };
}

const one = (record: ODataRecord, headers?: Record<string, string>): ODataAnswer => ({
  status: 200,
  body: { d: record },
  headers,
});

const expands = (query: Query, navigation: string) =>
  (query.$expand ?? '').split(',').includes(navigation);

function notSupported(method: string, target: string): SapODataError {
  return new SapODataError(
    501,
    '/IWBEP/CM_MGW_RT/021',
    `Method '${target.toUpperCase()}_${method === 'DELETE' ? 'DELETE' : 'UPDATE'}_ENTITY' not implemented in data provider class`,
    MATERIAL_DOCUMENT_SERVICE,
  );
}

export function dispatchOData(
  store: SapStore,
  path: ODataPath,
  request: FastifyRequest,
): ODataAnswer {
  const query = request.query as Query;
  const body = (request.body ?? {}) as ODataRecord;
  const { method } = request;
  const { target, key, navigation } = path;
  if (target === '' && method === 'GET')
    return one({ EntitySets: entitySetsOf(path.service).map((t) => t.set) as never });
  if (functionImportsOf(path.service).includes(target)) {
    if (method !== 'POST')
      throw new SapODataError(
        405,
        '/IWBEP/CM_MGW_RT/017',
        `Function import ${target} requires HTTP method POST`,
      );
    if (target === 'PostDifferences')
      return one(physInventoryDocumentRecord(postDifferences(store, functionParams(query)), false));
    return one(materialDocumentRecord(cancelMaterialDocument(store, functionParams(query)), true));
  }
  switch (target) {
    case MATERIAL_STOCK_SET:
      if (method !== 'GET' || key !== undefined) break;
      return collection(materialStockRecords(store), query);
    case 'A_PhysInventoryDocHeader': {
      if (method === 'POST' && key === undefined) {
        const created = createPhysInventoryDocument(store, body);
        return { status: 201, body: { d: physInventoryDocumentRecord(created, true) } };
      }
      if (method !== 'GET') break;
      if (key === undefined)
        return collection(
          store.physInventoryDocuments.map((d) =>
            physInventoryDocumentRecord(d, expands(query, 'to_PhysicalInventoryDocumentItem')),
          ),
          query,
        );
      const document = findPhysInventoryDocument(
        store,
        parseKey(key, ['FiscalYear', 'PhysicalInventoryDocument']),
      );
      if (navigation === 'to_PhysicalInventoryDocumentItem')
        return collection(
          document.items.map((i) => physInventoryItemRecord(document, i)),
          query,
        );
      return one(
        physInventoryDocumentRecord(document, expands(query, 'to_PhysicalInventoryDocumentItem')),
      );
    }
    case 'A_PhysInventoryDocItem': {
      if (key === undefined) {
        if (method !== 'GET') break;
        return collection(
          store.physInventoryDocuments.flatMap((d) =>
            d.items.map((i) => physInventoryItemRecord(d, i)),
          ),
          query,
        );
      }
      const [document, item] = findPhysInventoryItem(
        store,
        parseKey(key, ['FiscalYear', 'PhysicalInventoryDocument', 'PhysicalInventoryDocumentItem']),
      );
      if (method === 'GET')
        return one(physInventoryItemRecord(document, item), { etag: itemETag(item) });
      if (method !== 'PATCH' && method !== 'PUT') break;
      const ifMatch = request.headers['if-match'];
      if (ifMatch === undefined)
        throw new SapODataError(
          428,
          '/IWBEP/CM_MGW_RT/025',
          'Precondition required: send the entity tag in If-Match',
          path.service,
        );
      if (ifMatch !== '*' && ifMatch !== itemETag(item))
        throw new SapODataError(
          412,
          '/IWBEP/CM_MGW_RT/022',
          'Precondition failed: the entity was changed by someone else',
          path.service,
        );
      enterCount(store, document, item, body);
      return { status: 204, headers: { etag: itemETag(item) } };
    }
    case 'A_MaterialDocumentHeader':
    case 'A_MaterialDocumentItem': {
      if (
        method !== 'GET' &&
        !(method === 'POST' && key === undefined && target === 'A_MaterialDocumentHeader')
      )
        throw notSupported(method, target);
      if (method === 'POST')
        return {
          status: 201,
          body: { d: materialDocumentRecord(createMaterialDocument(store, body), true) },
        };
      if (target === 'A_MaterialDocumentItem')
        return collection(
          store.materialDocuments.flatMap((d) =>
            d.items.map((i) => materialDocumentItemRecord(d, i)),
          ),
          query,
        );
      if (key === undefined)
        return collection(
          store.materialDocuments.map((d) =>
            materialDocumentRecord(d, expands(query, 'to_MaterialDocumentItem')),
          ),
          query,
        );
      const keys = parseKey(key, ['MaterialDocumentYear', 'MaterialDocument']);
      const document = store.materialDocuments.find(
        (d) =>
          d.MaterialDocument === keys.MaterialDocument &&
          d.MaterialDocumentYear === keys.MaterialDocumentYear,
      );
      if (document === undefined) throw notFound(`${target}${key}`);
      if (navigation === 'to_MaterialDocumentItem')
        return collection(
          document.items.map((i) => materialDocumentItemRecord(document, i)),
          query,
        );
      return one(materialDocumentRecord(document, expands(query, 'to_MaterialDocumentItem')));
    }
    case 'A_PurchaseOrder':
    case 'A_PurchaseOrderItem': {
      if (method !== 'GET') break;
      const orders = [...store.purchaseOrders.values()];
      if (target === 'A_PurchaseOrderItem')
        return collection(
          orders.flatMap((po) => po.items.map((i) => purchaseOrderItemRecord(po, i))),
          query,
        );
      if (key === undefined)
        return collection(
          orders.map((po) => purchaseOrderRecord(po, expands(query, 'to_PurchaseOrderItem'))),
          query,
        );
      const po = store.purchaseOrders.get(parseKey(key, ['PurchaseOrder']).PurchaseOrder ?? '');
      if (po === undefined) throw notFound(`A_PurchaseOrder${key}`);
      if (navigation === 'to_PurchaseOrderItem')
        return collection(
          po.items.map((i) => purchaseOrderItemRecord(po, i)),
          query,
        );
      return one(purchaseOrderRecord(po, expands(query, 'to_PurchaseOrderItem')));
    }
    default:
      throw notFound(target);
  }
  throw new SapODataError(
    405,
    '/IWBEP/CM_MGW_RT/017',
    `Method ${method} is not allowed on ${target}`,
    path.service,
  );
}
