/** Generic ORM operations over the store: search, create, write, unlink. */
import { compileDomain } from './odoo-domain';
import { isStored, type ModelDef } from './odoo-fields';
import { odooErrors } from './odoo-errors';
import { fieldValue } from './odoo-read';
import { requireModel } from './odoo-registry';
import type { RecordView, WriteView } from './odoo-store';
import { convertValue, mandatoryFieldError } from './odoo-values-in';
import {
  asIdList,
  isEmptyValue,
  isRecordObject,
  type OdooValue,
  type StoredRecord,
} from './odoo-values';

export interface SearchOptions {
  readonly offset?: number;
  readonly limit?: number | false | null;
  readonly order?: string | false | null;
}

export interface Touched {
  readonly model: string;
  readonly id: number;
}

/** What a write transaction did, for webhooks: once per record per call. */
export interface OrmWriteContext {
  readonly tx: WriteView;
  readonly uid: number;
  readonly context: Readonly<Record<string, OdooValue>>;
  readonly touched: Map<string, Touched>;
}

/**
 * Odoo's `write`/`create` drop the log access fields from the values (models.py
 * LOG_ACCESS_COLUMNS) and set them themselves: `write_uid` is always the user the call runs
 * as, which is how a notification can tell who changed a record.
 */
const magicFields = new Set([
  'id',
  'display_name',
  'create_uid',
  'create_date',
  'write_uid',
  'write_date',
]);

export function searchIds(
  view: RecordView,
  model: ModelDef,
  domain: OdooValue | undefined,
  options: SearchOptions = {},
): number[] {
  const predicate = compileDomain(view, model, domain);
  const matches = view.all(model.name).filter(predicate);
  const hasActive = model.fields.active !== undefined;
  const activeFiltered =
    hasActive && !mentionsActive(domain) ? matches.filter((r) => r.active !== false) : matches;
  const sorted = sortRecords(view, model, activeFiltered, options.order);
  const offset = options.offset ?? 0;
  const limit = typeof options.limit === 'number' && options.limit > 0 ? options.limit : undefined;
  return sorted.slice(offset, limit === undefined ? undefined : offset + limit).map((r) => r.id);
}

function mentionsActive(domain: OdooValue | undefined): boolean {
  return (
    Array.isArray(domain) &&
    (domain as readonly OdooValue[]).some((leaf) => Array.isArray(leaf) && leaf[0] === 'active')
  );
}

function sortRecords(
  view: RecordView,
  model: ModelDef,
  records: StoredRecord[],
  order: string | false | null | undefined,
): StoredRecord[] {
  const spec = typeof order === 'string' && order.trim() !== '' ? order : model.order;
  const keys = spec
    .split(',')
    .map((part) => part.trim().split(/\s+/))
    .filter(([name]) => name !== undefined && name !== '')
    .map(([name = 'id', direction = 'asc']) => ({
      name,
      descending: direction.toLowerCase() === 'desc',
    }))
    .filter(({ name }) => name === 'id' || model.fields[name] !== undefined);
  keys.push({ name: 'id', descending: false });
  return [...records].sort((a, b) => {
    for (const { name, descending } of keys) {
      const diff = compareValues(
        fieldValue(view, model, a, name),
        fieldValue(view, model, b, name),
      );
      if (diff !== 0) return descending ? -diff : diff;
    }
    return 0;
  });
}

function compareValues(a: OdooValue, b: OdooValue): number {
  if (isEmptyValue(a) && isEmptyValue(b)) return 0;
  if (isEmptyValue(a)) return 1;
  if (isEmptyValue(b)) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return JSON.stringify(a).localeCompare(JSON.stringify(b));
}

type Vals = Readonly<Record<string, OdooValue>>;

function splitVals(
  ctx: OrmWriteContext,
  model: ModelDef,
  vals: Vals,
): { stored: Record<string, OdooValue>; x2many: [string, OdooValue][] } {
  const stored: Record<string, OdooValue> = {};
  const x2many: [string, OdooValue][] = [];
  for (const [name, value] of Object.entries(vals)) {
    const field = model.fields[name];
    if (!field) throw odooErrors.invalidField(model.name, name);
    if (magicFields.has(name) || field.compute) continue;
    if (field.type === 'one2many') x2many.push([name, value]);
    else stored[name] = convertValue(ctx.tx, model, name, field, value);
  }
  return { stored, x2many };
}

export function createRecord(ctx: OrmWriteContext, modelName: string, vals: Vals): number {
  const model = requireModel(ctx.tx, modelName);
  if (!isRecordObject(vals)) throw odooErrors.type('create() values must be a dict');
  const { stored, x2many } = splitVals(ctx, model, vals);
  const now = ctx.tx.now();
  const record: Record<string, OdooValue> = {
    id: ctx.tx.nextId(model.name),
    create_uid: ctx.uid,
    create_date: now,
    write_uid: ctx.uid,
    write_date: now,
  };
  for (const [name, field] of Object.entries(model.fields)) {
    if (magicFields.has(name) || !isStored(field)) continue;
    const value = Object.hasOwn(stored, name) ? stored[name] : field.default?.(ctx.tx, stored);
    record[name] = value ?? (field.type === 'float' || field.type === 'integer' ? 0 : false);
    if (
      field.required === true &&
      isEmptyValue(record[name]) &&
      field.type !== 'float' &&
      field.type !== 'integer'
    )
      throw mandatoryFieldError(model, name, field);
  }
  const created = record as StoredRecord;
  ctx.tx.put(model.name, created);
  ctx.touched.set(`${model.name}:${created.id}`, { model: model.name, id: created.id });
  for (const [name, commands] of x2many) applyX2many(ctx, model, created.id, name, commands);
  return created.id;
}

export function writeRecords(
  ctx: OrmWriteContext,
  modelName: string,
  ids: readonly number[],
  vals: Vals,
): true {
  const model = requireModel(ctx.tx, modelName);
  if (!isRecordObject(vals)) throw odooErrors.type('write() values must be a dict');
  const missing = ids.filter((id) => ctx.tx.get(model.name, id) === undefined);
  if (missing.length > 0) throw odooErrors.missing(model.name, missing, ctx.uid);
  const { stored, x2many } = splitVals(ctx, model, vals);
  for (const id of ids) {
    const current = ctx.tx.get(model.name, id) as StoredRecord;
    for (const [name, value] of Object.entries(stored)) {
      const field = model.fields[name];
      if (
        field?.required === true &&
        isEmptyValue(value) &&
        field.type !== 'float' &&
        field.type !== 'integer'
      )
        throw mandatoryFieldError(model, name, field);
    }
    ctx.tx.put(model.name, {
      ...current,
      ...stored,
      id,
      write_uid: ctx.uid,
      write_date: ctx.tx.now(),
    });
    ctx.touched.set(`${model.name}:${id}`, { model: model.name, id });
    for (const [name, commands] of x2many) applyX2many(ctx, model, id, name, commands);
  }
  return true;
}

export function unlinkRecords(
  ctx: OrmWriteContext,
  modelName: string,
  ids: readonly number[],
): true {
  const model = requireModel(ctx.tx, modelName);
  const missing = ids.filter((id) => ctx.tx.get(model.name, id) === undefined);
  if (missing.length > 0) throw odooErrors.missing(model.name, missing, ctx.uid);
  for (const id of ids) ctx.tx.remove(model.name, id);
  return true;
}

/** One2many commands: (0,_,vals) (1,id,vals) (2,id) (3,id) (4,id) (5,) (6,_,ids), or a bare id list. */
function applyX2many(
  ctx: OrmWriteContext,
  model: ModelDef,
  parentId: number,
  name: string,
  raw: OdooValue,
): void {
  const field = model.fields[name];
  const relation = field?.relation;
  const inverse = field?.inverse;
  if (relation === undefined || inverse === undefined || !Array.isArray(raw)) return;
  const list = raw as readonly OdooValue[];
  const commands = list.every((item) => typeof item === 'number') ? [[6, 0, list]] : list;
  const children = (): number[] =>
    ctx.tx
      .all(relation)
      .filter((r) => r[inverse] === parentId)
      .map((r) => r.id);
  for (const command of commands) {
    if (!Array.isArray(command))
      throw odooErrors.value(`Invalid x2many command ${JSON.stringify(command)}`);
    const [code, id, payload] = command as readonly OdooValue[];
    if (code === 0 && isRecordObject(payload))
      createRecord(ctx, relation, { ...payload, [inverse]: parentId });
    else if (code === 1 && typeof id === 'number' && isRecordObject(payload))
      writeRecords(ctx, relation, [id], payload);
    else if (code === 2 && typeof id === 'number') unlinkRecords(ctx, relation, [id]);
    else if (code === 3 && typeof id === 'number')
      writeRecords(ctx, relation, [id], { [inverse]: false });
    else if (code === 4 && typeof id === 'number')
      writeRecords(ctx, relation, [id], { [inverse]: parentId });
    else if (code === 5) writeRecords(ctx, relation, children(), { [inverse]: false });
    else if (code === 6) {
      const keep = asIdList(payload);
      writeRecords(
        ctx,
        relation,
        children().filter((child) => !keep.includes(child)),
        { [inverse]: false },
      );
      writeRecords(ctx, relation, keep, { [inverse]: parentId });
    } else throw odooErrors.value(`Invalid x2many command ${JSON.stringify(command)}`);
  }
}
