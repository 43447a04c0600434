/**
 * `read` as Odoo answers it: `id` first, many2one as `[id, "display name"]` (or bare ids
 * with `load=None`), x2many as id lists, empty values as `false`, float fields as floats.
 */
import { PyFloat } from '../python/python-float';
import type { ModelDef } from './odoo-fields';
import { odooErrors } from './odoo-errors';
import { requireField, requireModel } from './odoo-registry';
import type { RecordView } from './odoo-store';
import type { OdooValue, StoredRecord } from './odoo-values';

/** The raw value of a field: stored, computed, or one2many ids from the inverse. */
export function fieldValue(
  view: RecordView,
  model: ModelDef,
  record: StoredRecord,
  name: string,
): OdooValue {
  if (name === 'id') return record.id;
  if (name === 'display_name') return model.displayName(record, view);
  const field = requireField(model, name);
  if (field.compute) return field.compute(record, view);
  if (field.type === 'one2many' && field.relation !== undefined && field.inverse !== undefined) {
    const inverse = field.inverse;
    return view
      .all(field.relation)
      .filter((related) => related[inverse] === record.id)
      .map((related) => related.id)
      .sort((a, b) => a - b);
  }
  return record[name] ?? false;
}

export type ReadLoad = 'classic' | 'none';

export function readRecords(
  view: RecordView,
  model: ModelDef,
  ids: readonly number[],
  fields: readonly string[] | undefined,
  load: ReadLoad,
  uid: number,
): Record<string, OdooValue>[] {
  const names = fields && fields.length > 0 ? fields : Object.keys(model.fields);
  for (const name of names) requireField(model, name);
  const missing = ids.filter((id) => view.get(model.name, id) === undefined);
  if (missing.length > 0) throw odooErrors.missing(model.name, missing, uid);
  return ids.map((id) => {
    const record = view.get(model.name, id) as StoredRecord;
    const out: Record<string, OdooValue> = { id };
    for (const name of names) {
      if (name === 'id') continue;
      out[name] = present(view, model, name, fieldValue(view, model, record, name), load);
    }
    return out;
  });
}

function present(
  view: RecordView,
  model: ModelDef,
  name: string,
  raw: OdooValue,
  load: ReadLoad,
): OdooValue {
  const field = model.fields[name];
  if (!field) return raw;
  if (field.type === 'float') return typeof raw === 'number' ? new PyFloat(raw) : raw;
  if (
    field.type === 'many2one' &&
    load === 'classic' &&
    typeof raw === 'number' &&
    field.relation !== undefined
  ) {
    const comodel = requireModel(view, field.relation);
    const related = view.get(comodel.name, raw);
    return related ? [raw, comodel.displayName(related, view)] : false;
  }
  if (raw === null || raw === '') return false;
  return raw;
}

/** `fields_get` with the attributes a connector looks at. */
export function fieldsGet(
  model: ModelDef,
  allfields: readonly string[] | undefined,
  attributes: readonly string[] | undefined,
): Record<string, Record<string, OdooValue>> {
  const names = allfields && allfields.length > 0 ? allfields : Object.keys(model.fields);
  const out: Record<string, Record<string, OdooValue>> = {};
  for (const name of names) {
    const field = model.fields[name];
    if (!field) continue;
    const description: Record<string, OdooValue> = {
      type: field.type,
      string: field.string,
      readonly: field.readonly === true,
      required: field.required === true,
      store: field.compute === undefined,
      searchable: true,
      sortable: field.compute === undefined && field.type !== 'one2many',
    };
    if (field.relation !== undefined) description.relation = field.relation;
    if (field.inverse !== undefined) description.relation_field = field.inverse;
    if (field.selection) description.selection = field.selection.map(([k, v]) => [k, v]);
    out[name] =
      attributes && attributes.length > 0
        ? Object.fromEntries(
            Object.entries(description).filter(([key]) => attributes.includes(key)),
          )
        : description;
  }
  return out;
}
