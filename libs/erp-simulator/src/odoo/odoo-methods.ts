/**
 * `execute_kw(model, method, args, kwargs)`: generic ORM methods plus the business methods
 * the connectors call. Arguments are taken positionally or by name, as Python would bind
 * them. `undefined` stands for Python's None.
 */
import {
  purchaseButtonCancel,
  purchaseButtonConfirm,
  pickingButtonValidate,
} from './business-purchase';
import { quantActionApplyInventory, quantCreate, quantWrite } from './business-quant';
import { irModelFieldsCreate } from './custom-fields';
import { odooErrors } from './odoo-errors';
import {
  createRecord,
  searchIds,
  unlinkRecords,
  writeRecords,
  type OrmWriteContext,
} from './odoo-orm';
import { fieldsGet, readRecords } from './odoo-read';
import { requireModel } from './odoo-registry';
import type { RecordView } from './odoo-store';
import { asIdList, isRecordObject, type OdooKwargs, type OdooValue } from './odoo-values';

export interface CallArgs {
  readonly args: readonly OdooValue[];
  readonly kwargs: OdooKwargs;
}

function arg(call: CallArgs, index: number, name: string): OdooValue | undefined {
  return call.kwargs[name] ?? call.args[index];
}

function ids(value: OdooValue | undefined): number[] {
  return asIdList(value ?? []);
}

function stringList(value: OdooValue | undefined): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return (value as readonly OdooValue[]).filter((v): v is string => typeof v === 'string');
}

function numberOr(value: OdooValue | undefined, fallback: number | undefined): number | undefined {
  return typeof value === 'number' ? value : fallback;
}

function isNoLoad(load: OdooValue | undefined): boolean {
  return load === null || load === false || load === '' || load === undefined;
}

type ReadMethod = (view: RecordView, model: string, call: CallArgs, uid: number) => OdooValue;
type WriteMethod = (ctx: OrmWriteContext, model: string, call: CallArgs) => OdooValue | undefined;

const readMethods: Readonly<Record<string, ReadMethod>> = {
  search: (view, model, call) =>
    searchIds(view, requireModel(view, model), arg(call, 0, 'domain'), {
      offset: numberOr(arg(call, 1, 'offset'), 0),
      limit: numberOr(arg(call, 2, 'limit'), undefined),
      order: (arg(call, 3, 'order') as string | undefined) ?? null,
    }),
  search_count: (view, model, call) =>
    searchIds(view, requireModel(view, model), arg(call, 0, 'domain')).length,
  search_read: (view, model, call, uid) => {
    const definition = requireModel(view, model);
    const found = searchIds(view, definition, arg(call, 0, 'domain'), {
      offset: numberOr(arg(call, 2, 'offset'), 0),
      limit: numberOr(arg(call, 3, 'limit'), undefined),
      order: (arg(call, 4, 'order') as string | undefined) ?? null,
    });
    return readRecords(view, definition, found, stringList(arg(call, 1, 'fields')), 'classic', uid);
  },
  read: (view, model, call, uid) => {
    const load = Object.hasOwn(call.kwargs, 'load') ? call.kwargs.load : call.args[2];
    const bare =
      call.args.length > 2 || Object.hasOwn(call.kwargs, 'load') ? isNoLoad(load) : false;
    const fields = stringList(arg(call, 1, 'fields'));
    return readRecords(
      view,
      requireModel(view, model),
      ids(arg(call, 0, 'ids')),
      fields,
      bare ? 'none' : 'classic',
      uid,
    );
  },
  check_access_rights: () => true,
  /** Odoo 19 docs: `POST /json/2/res.users/context_get` tells a key's own uid. */
  context_get: (_view, _model, _call, uid) => ({ lang: 'en_US', tz: 'UTC', uid }),
  fields_get: (view, model, call) =>
    fieldsGet(
      requireModel(view, model),
      stringList(arg(call, 0, 'allfields')),
      stringList(arg(call, 1, 'attributes')),
    ),
};

function createAny(ctx: OrmWriteContext, model: string, vals: OdooValue): number {
  if (!isRecordObject(vals))
    throw odooErrors.type('create() values must be a dict or a list of dicts');
  if (model === 'stock.quant') return quantCreate(ctx, vals);
  if (model === 'ir.model.fields') return irModelFieldsCreate(ctx, vals);
  return createRecord(ctx, model, vals);
}

const writeMethods: Readonly<Record<string, WriteMethod>> = {
  create: (ctx, model, call) => {
    const vals = arg(call, 0, 'vals_list') ?? arg(call, 0, 'vals');
    if (Array.isArray(vals))
      return (vals as readonly OdooValue[]).map((v) => createAny(ctx, model, v));
    return createAny(ctx, model, vals ?? {});
  },
  write: (ctx, model, call) => {
    const vals = arg(call, 1, 'vals');
    if (!isRecordObject(vals))
      throw odooErrors.type("write() missing 1 required positional argument: 'vals'");
    return model === 'stock.quant'
      ? quantWrite(ctx, ids(arg(call, 0, 'ids')), vals)
      : writeRecords(ctx, model, ids(arg(call, 0, 'ids')), vals);
  },
  unlink: (ctx, model, call) => unlinkRecords(ctx, model, ids(arg(call, 0, 'ids'))),
};

const businessMethods: Readonly<Record<string, WriteMethod>> = {
  'purchase.order.button_confirm': (ctx, _model, call) =>
    purchaseButtonConfirm(ctx, ids(arg(call, 0, 'ids'))),
  'purchase.order.button_cancel': (ctx, _model, call) =>
    purchaseButtonCancel(ctx, ids(arg(call, 0, 'ids'))),
  'stock.picking.button_validate': (ctx, _model, call) =>
    pickingButtonValidate(ctx, ids(arg(call, 0, 'ids'))),
  'stock.quant.action_apply_inventory': (ctx, _model, call) =>
    quantActionApplyInventory(ctx, ids(arg(call, 0, 'ids'))),
};

export type ResolvedMethod =
  | { readonly kind: 'read'; readonly run: ReadMethod }
  | { readonly kind: 'write'; readonly run: WriteMethod };

export function resolveMethod(view: RecordView, model: string, method: string): ResolvedMethod {
  requireModel(view, model);
  if (method.startsWith('_'))
    throw odooErrors.access(
      `Private methods (such as ${model}.${method}) cannot be called remotely.`,
    );
  const read = readMethods[method];
  if (read) return { kind: 'read', run: read };
  const write = writeMethods[method] ?? businessMethods[`${model}.${method}`];
  if (write) return { kind: 'write', run: write };
  throw odooErrors.noMethod(model, method);
}
